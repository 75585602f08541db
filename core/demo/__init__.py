"""The demo network: a head office, 2 branches, 6 sub-branches, 20 outlets, staff in every
role and (by default) 10,000 clients with Chinese names, so a newcomer's first start shows
something true.

Everything is generated from a seeded random source (the same demo every time) and written
set-based: units one by one (their ids make the materialised paths), staff and clients with
Core ``executemany`` in batches of 1,000, so memory stays flat whatever the client count.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.base import new_public_id
from core.db.engine import Database
from core.demo.names import COMPANY_PREFIXES, COMPANY_SUFFIXES, GIVEN, NETWORK, SURNAMES
from core.errors import Conflict
from core.models import Client, ClientHistory, OrgUnit, Staff
from core.principal import system_principal
from core.services import audit
from core.types import TierThresholds

BATCH = 1000
SEED = 20261122
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
OUTLET_ROLES = (("outlet_head", 1), ("teller", 3), ("lobby_manager", 1), ("customer_manager", 3))
HEAD_OFFICE_ROLES = (("head_office_service", 2), ("operations", 1), ("risk", 1), ("compliance", 1), ("admin", 1))
Progress = Callable[[str, int, int], None]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def id_number(rng: random.Random, area: str, birthday: dt.date) -> str:
    """An 18-digit resident ID number with a valid GB 11643 check digit."""
    body = f"{area}{birthday:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "136", "186", "159", "177")) + f"{rng.randrange(10**8):08d}"


def tier_for(assets: Decimal, thresholds: TierThresholds) -> str:
    return next(tier for tier, floor in thresholds.tiers if assets >= floor)


def retail_assets(rng: random.Random) -> Decimal:
    """A skewed wealth distribution: most clients mass, a few private banking."""
    return Decimal(int(rng.lognormvariate(10.3, 1.6))).quantize(Decimal("0.01"))


async def _add_unit(session: AsyncSession, code: str, name: str, level: str, parent: OrgUnit | None) -> OrgUnit:
    unit = OrgUnit(code=code, name=name, level=level, parent_id=parent.id if parent else None, path="")
    session.add(unit)
    await session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    return unit


async def _build_network(session: AsyncSession) -> tuple[OrgUnit, list[tuple[OrgUnit, str]]]:
    """Create the tree; returns the head office and every outlet with its area code."""
    head = await _add_unit(session, "HO", "总行", "head_office", None)
    outlets = []
    for branch_code, branch_name, area, subs in NETWORK:
        branch = await _add_unit(session, branch_code, branch_name, "branch", head)
        for sub_code, sub_name, outlet_list in subs:
            sub = await _add_unit(session, sub_code, sub_name, "sub_branch", branch)
            for outlet_code, outlet_name in outlet_list:
                outlets.append((await _add_unit(session, outlet_code, outlet_name, "outlet", sub), area))
    await session.flush()
    return head, outlets


def _staff_rows(rng: random.Random, units: list[tuple[OrgUnit, tuple[tuple[str, int], ...]]]) -> list[dict[str, Any]]:
    rows, number = [], 0
    for unit, roles in units:
        for role, count in roles:
            for _ in range(count):
                number += 1
                rows.append({"public_id": new_public_id("st"), "employee_no": f"E{number:05d}",
                             "name": person_name(rng), "unit_id": unit.id, "roles": [role],
                             "phone": phone(rng), "active": True})
    return rows


def _client_row(rng: random.Random, unit: OrgUnit, area: str, managers: list[int], now: dt.datetime,
                thresholds: TierThresholds) -> dict[str, Any]:
    birthday = dt.date(rng.randint(1945, 2004), rng.randint(1, 12), rng.randint(1, 28))
    state = rng.choices(("active", "prospect", "dormant", "closed"), weights=(86, 5, 7, 2))[0]
    common = {"public_id": new_public_id("cl"), "unit_id": unit.id, "state": state, "created_at": now,
              "updated_at": now, "phone": phone(rng), "address": f"{unit.name}附近{rng.randint(1, 300)}号"}
    if rng.random() < 0.06:
        name = rng.choice(COMPANY_PREFIXES) + rng.choice(COMPANY_SUFFIXES)
        return {**common, "kind": "corporate", "name": name, "id_number": None, "birthday": None,
                "risk_class": rng.choices(("low", "medium", "high"), weights=(6, 3, 1))[0],
                "size": rng.choices(("small", "medium", "large"), weights=(6, 3, 1))[0],
                "assets_under_management": None, "deposits": None, "tier": None, "email": None,
                "manager_id": rng.choice(managers)}
    assets = retail_assets(rng)
    tier = tier_for(assets, thresholds)
    return {**common, "kind": "retail", "name": person_name(rng), "id_number": id_number(rng, area, birthday),
            "birthday": birthday, "risk_class": None, "size": None, "assets_under_management": assets,
            "deposits": (assets * Decimal(rng.uniform(0.2, 0.9))).quantize(Decimal("0.01")), "tier": tier,
            "email": None, "manager_id": rng.choice(managers) if tier != "mass" else None}


async def load_network(db: Database, clock: Clock, *, clients: int = 10_000,
                       progress: Progress = lambda *_: None) -> dict[str, Any]:
    """Load the demo into an empty database; returns counts. Refuses a database with units."""
    rng, now, thresholds = random.Random(SEED), clock.now(), TierThresholds()
    async with db.unit_of_work() as session:
        if (await session.execute(sa.select(sa.func.count()).select_from(OrgUnit))).scalar_one():
            raise Conflict("the database already has an organisation; the demo loads only into an empty one")
        head, outlets = await _build_network(session)
        above_outlets = (await session.execute(sa.select(OrgUnit).where(OrgUnit.level.in_(("branch", "sub_branch"))))).scalars().all()
        placements = [(head, HEAD_OFFICE_ROLES)] + [
            (u, (("branch_service", 2),) if u.level == "branch" else (("sub_branch_head", 1),)) for u in above_outlets
        ] + [(outlet, OUTLET_ROLES) for outlet, _ in outlets]
        staff_rows = _staff_rows(rng, placements)
        await session.execute(sa.insert(Staff), staff_rows)
        managers: dict[int, list[int]] = {}
        for staff_id, unit_id, roles in await session.execute(sa.select(Staff.id, Staff.unit_id, Staff.roles)):
            if "customer_manager" in roles:
                managers.setdefault(unit_id, []).append(staff_id)
        tiers: Counter[str] = Counter()
        for start in range(0, clients, BATCH):
            rows = []
            for _ in range(min(BATCH, clients - start)):
                outlet, area = rng.choice(outlets)
                rows.append(_client_row(rng, outlet, area, managers[outlet.id], now, thresholds))
            tiers.update(row["tier"] or "corporate" for row in rows)
            await session.execute(sa.insert(Client), rows)
            await _history_for(session, [row["public_id"] for row in rows], now)
            progress("clients", start + len(rows), clients)
        summary = {"units": 1 + len(above_outlets) + len(outlets), "staff": len(staff_rows), "clients": clients,
                   "tiers": dict(sorted(tiers.items()))}
        audit.record(session, principal=system_principal(head.ref()), at=now, unit=head.ref(), entity="demo",
                     entity_id="network", action="load", after=summary, reason="touchstone demo")
    return summary


async def _history_for(session: AsyncSession, public_ids: list[str], now: dt.datetime) -> None:
    ids = (await session.execute(sa.select(Client.id).where(Client.public_id.in_(public_ids)))).scalars().all()
    await session.execute(sa.insert(ClientHistory), [
        {"client_id": cid, "at": now, "actor": "system:touchstone", "action": "created", "reason": "demo data",
         "changes": []} for cid in ids
    ])


async def load_demo(runtime: Any, console: Any, *, clients: int = 10_000) -> dict[str, Any]:
    """Load the demo with a progress bar on ``console`` (used by ``serve --demo`` and ``demo``)."""
    from rich.progress import Progress as Bar

    with Bar(console=console, transient=True) as bar:
        task = bar.add_task("Loading the demo network", total=clients)
        summary = await load_network(runtime.db, runtime.clock, clients=clients,
                                     progress=lambda _what, done, total: bar.update(task, completed=done))
    console.print(f"Demo loaded: {summary['units']} units, {summary['staff']} staff, {summary['clients']} clients "
                  f"({', '.join(f'{k} {v}' for k, v in summary['tiers'].items())})")
    return summary
