"""Six months of service history for the demo: the catalogue with published standards, the
counter standard's version 2 piloted at two sub-branches, and some hundreds of thousands of
service events whose failure rates differ by outlet, each evaluated by the same code the API
uses, with nonconformities for the failures (older ones closed), so every report and the
console's dashboard show something true on first start."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import msgspec
import sqlalchemy as sa

from core import generations
from core.chinatime import CHINA_TZ
from core.clock import Clock
from core.controls import CORE_CONTROL_KINDS
from core.db.base import new_public_id
from core.db.engine import Database
from core.demo.catalogue import CATALOGUE, PILOT
from core.measurements import MeasurementSchema
from core.models import (
    Client,
    Nonconformity,
    OrgUnit,
    PilotUnit,
    ServiceEvent,
    Staff,
    StandardVersion,
    Touchpoint,
)
from core.services import in_force
from core.services.events import DUE, evaluate

SEED = 20261123
BATCH = 5_000
KINDS = {kind.name: kind for kind in CORE_CONTROL_KINDS}

ACTOR = "system:touchstone"
ROLE_FOR = {
    "door_reception": "lobby_manager",
    "lobby_guidance": "lobby_manager",
    "counter_service": "teller",
    "cm_visit": "customer_manager",
    "outbound_call": "customer_manager",
    "birthday_care": "customer_manager",
}
WITH_CLIENT = {"cm_visit", "outbound_call", "birthday_care"}
Progress = Callable[[int, int], None]


async def _catalogue(
    db: Database, now: dt.datetime, start: dt.datetime, pilot_from: dt.datetime
) -> dict[str, dict[str, Any]]:
    """Touchpoints with version 1 published at ``start``; counter version 2 in pilot."""
    versions: dict[str, dict[str, Any]] = {}
    async with db.unit_of_work() as session:
        for code, name, channel, description, _, _, content in CATALOGUE:
            tp = Touchpoint(
                code=code,
                name=name,
                channel=channel,
                description=description,
                owner="bank",
                created_at=start - dt.timedelta(days=14),
            )
            session.add(tp)
            await session.flush()
            v1 = StandardVersion(
                public_id=new_public_id("sv"),
                touchpoint_id=tp.id,
                number=1,
                status="published",
                title=content["title"],
                outputs=content["outputs"],
                inputs=content["inputs"],
                controls=content["controls"],
                note="",
                created_at=start - dt.timedelta(days=7),
                created_by=ACTOR,
                published_at=start,
            )
            session.add(v1)
            await session.flush()
            versions[code] = {"tp": tp.id, "v1": (v1.id, tuple(content["controls"]))}
        code, units, replacements = PILOT
        content = next(c for k, *_, c in CATALOGUE if k == code)
        controls = [replacements.get(c["key"], c) for c in content["controls"]]
        controls += [c for k, c in replacements.items() if k not in {c["key"] for c in content["controls"]}]
        v2 = StandardVersion(
            public_id=new_public_id("sv"),
            touchpoint_id=versions[code]["tp"],
            number=2,
            status="pilot",
            title=content["title"] + "（试点版）",
            outputs=content["outputs"],
            inputs=content["inputs"],
            controls=controls,
            note="等候时间收紧至10分钟，增加服务日志",
            created_at=pilot_from,
            created_by=ACTOR,
            pilot_started_at=pilot_from,
            based_on_id=versions[code]["v1"][0],
        )
        session.add(v2)
        await session.flush()
        pilot_ids = (await session.execute(sa.select(OrgUnit.id, OrgUnit.path).where(OrgUnit.code.in_(units)))).all()
        session.add_all([PilotUnit(version_id=v2.id, unit_id=uid) for uid, _ in pilot_ids])
        versions[code]["v2"] = (v2.id, tuple(controls), tuple(path for _, path in pilot_ids))
        await generations.bump(session, in_force.GENERATION)
    return versions


async def load_service_history(
    db: Database, clock: Clock, *, days: int = 182, scale: float = 1.0, progress: Progress = lambda *_: None
) -> dict[str, int]:
    """Write the catalogue and ``days`` of events (``scale`` × the daily contacts per outlet)."""
    rng, now = random.Random(SEED), clock.now()
    start = (now - dt.timedelta(days=days)).astimezone(CHINA_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    pilot_from = now - dt.timedelta(days=45)
    versions = await _catalogue(db, now, start.astimezone(dt.UTC), pilot_from)
    schemas = {
        v[0]: MeasurementSchema.compile(code, v[1], KINDS)  # what each version reads, by its id
        for code, found in versions.items()
        for v in (found["v1"], found.get("v2"))
        if v
    }
    async with db.unit_of_work(readonly=True) as session:
        outlets = (
            await session.execute(
                sa.select(OrgUnit.id, OrgUnit.path).where(OrgUnit.level == "outlet").order_by(OrgUnit.id)
            )
        ).all()
        premium: dict[int, list[int]] = {}
        for client_id, unit_id in await session.execute(
            sa.select(Client.id, Client.unit_id).where(
                Client.tier.in_(("gold", "private_banking", "silver")), Client.state == "active"
            )
        ):
            premium.setdefault(unit_id, []).append(client_id)
        staff: dict[tuple[int, str], list[int]] = {}
        for staff_id, unit_id, roles in await session.execute(sa.select(Staff.id, Staff.unit_id, Staff.roles)):
            for role in roles:
                staff.setdefault((unit_id, role), []).append(staff_id)
    sloppiness = {uid: min(1.0, rng.betavariate(1.2, 5.0) * 1.5) for uid, _ in outlets}
    total = int(days * len(outlets) * sum(c[4] for c in CATALOGUE) * scale)
    events: list[dict[str, Any]] = []
    written = failures = 0
    for day in range(days):
        date = start + dt.timedelta(days=day)
        for unit_id, path in outlets:
            q = sloppiness[unit_id]
            for code, _, channel, _, daily, simulate, _ in CATALOGUE:
                for _ in range(max(0, round(rng.gauss(daily * scale, daily * scale / 4)))):
                    occurred = (date + dt.timedelta(seconds=rng.randint(9 * 3600, 17 * 3600))).astimezone(dt.UTC)
                    if occurred > now:
                        continue
                    simulated = simulate(rng, q)
                    version = versions[code]["v1"]
                    pilot = versions[code].get("v2")
                    if pilot and occurred >= pilot_from and any(path.startswith(p) for p in pilot[2]):
                        version = pilot[:2]
                    measurements = schemas[version[0]].read_from(simulated)
                    outcome, results = evaluate(version[1], measurements, KINDS)
                    failures += outcome == "fail"
                    people = staff.get((unit_id, ROLE_FOR[code])) or [None]
                    events.append(
                        {
                            "public_id": new_public_id("ev"),
                            "touchpoint_id": versions[code]["tp"],
                            "version_id": version[0],
                            "unit_id": unit_id,
                            "staff_id": rng.choice(people),
                            "client_id": rng.choice(premium.get(unit_id) or [None]) if code in WITH_CLIENT else None,
                            "occurred_at": occurred,
                            "recorded_at": occurred,
                            "channel": channel,
                            "measurements": measurements,
                            "outcome": outcome,
                            "evaluation": msgspec.to_builtins(results),
                            "recorded_by": ACTOR,
                        }
                    )
                    if len(events) >= BATCH:
                        written += await _write(db, events, now)
                        events = []
                        progress(written, total)
    if events:
        written += await _write(db, events, now)
    progress(written, written)
    return {"touchpoints": len(CATALOGUE), "events": written, "failed": failures}


async def _write(db: Database, events: list[dict[str, Any]], now: dt.datetime) -> int:
    """One batch of events and their nonconformities (closed when older than 30 days)."""
    async with db.unit_of_work() as session:
        await session.execute(sa.insert(ServiceEvent.__table__), events)
        failing = [e for e in events if e["outcome"] == "fail"]
        if failing:
            ids = dict(
                (
                    await session.execute(
                        sa.select(ServiceEvent.public_id, ServiceEvent.id).where(
                            ServiceEvent.public_id.in_([e["public_id"] for e in failing])
                        )
                    )
                ).all()
            )
            rows = []
            for e in failing:
                for result in e["evaluation"]:
                    if result["passed"] is False:
                        old = now - e["occurred_at"] > dt.timedelta(days=30)
                        rows.append(
                            {
                                "public_id": new_public_id("nc"),
                                "event_id": ids[e["public_id"]],
                                "unit_id": e["unit_id"],
                                "touchpoint_id": e["touchpoint_id"],
                                "version_id": e["version_id"],
                                "staff_id": e["staff_id"],
                                "control_key": result["key"],
                                "control_name": result["name"],
                                "severity": result["severity"],
                                "measured": result["measured"],
                                "expected": result["expected"],
                                "status": "closed" if old else "open",
                                "raised_at": e["occurred_at"],
                                "due_at": e["occurred_at"] + DUE[result["severity"]],
                                "closed_by": ACTOR if old else None,
                                "closed_at": e["occurred_at"] + dt.timedelta(days=5) if old else None,
                                "corrective_action": "班前会通报并整改" if old else None,
                            }
                        )
            await session.execute(sa.insert(Nonconformity.__table__), rows)
    return len(events)
