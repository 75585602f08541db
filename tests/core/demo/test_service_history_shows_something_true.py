"""The demo's service history: the catalogue with published standards, the counter standard
piloted at two sub-branches, events judged by the version in force, failure rates that differ
by outlet, nonconformities for the failures."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from core.api.app import create_app
from core.clock import FrozenClock
from core.db.engine import Database
from core.demo import load_network, load_service_history
from core.models import (
    Nonconformity,
    OrgUnit,
    ServiceEvent,
    StandardVersion,
    Touchpoint,
)
from core.plugins import create_plugin_manager
from core.services import tokens


async def test_the_history_has_the_catalogue_a_pilot_and_judged_events(
    db: Database, clock: FrozenClock, settings
) -> None:
    await load_network(db, clock, clients=50)
    clock.advance(days=60)
    summary = await load_service_history(db, clock, days=60, scale=0.25)
    async with db.unit_of_work(readonly=True) as session:
        codes = set((await session.execute(sa.select(Touchpoint.code))).scalars())
        statuses = (
            await session.execute(
                sa.select(Touchpoint.code, StandardVersion.number, StandardVersion.status).join(
                    Touchpoint, Touchpoint.id == StandardVersion.touchpoint_id
                )
            )
        ).all()
        per_outlet = (
            await session.execute(
                sa.select(
                    ServiceEvent.unit_id, sa.func.avg(sa.case((ServiceEvent.outcome == "fail", 1.0), else_=0.0))
                ).group_by(ServiceEvent.unit_id)
            )
        ).all()
        piloted = (
            await session.execute(
                sa.select(sa.func.count())
                .select_from(ServiceEvent)
                .join(StandardVersion, StandardVersion.id == ServiceEvent.version_id)
                .join(OrgUnit, OrgUnit.id == ServiceEvent.unit_id)
                .where(
                    StandardVersion.status == "pilot",
                    sa.not_(OrgUnit.code.startswith("BJ-CY")),
                    sa.not_(OrgUnit.code.startswith("SH-PD")),
                )
            )
        ).scalar_one()
        ncs = (await session.execute(sa.select(sa.func.count()).select_from(Nonconformity))).scalar_one()
    assert codes == {
        "door_reception",
        "lobby_guidance",
        "counter_service",
        "cm_visit",
        "outbound_call",
        "birthday_care",
    }
    assert ("counter_service", 2, "pilot") in statuses and sum(1 for s in statuses if s[2] == "published") == 6
    assert summary["events"] > 5_000 and ncs >= summary["failed"]
    rates = sorted(rate for _, rate in per_outlet)
    assert len(rates) == 20 and rates[-1] > rates[0] * 2  # outlets differ
    assert piloted == 0  # the pilot version judged only events inside its sub-branches

    async with db.unit_of_work() as session:
        head = (await session.execute(sa.select(OrgUnit).where(OrgUnit.code == "HO"))).scalar_one()
        account = await tokens.service_account_for(session, role="admin", unit=head, now=clock.now())
        _, secret = await tokens.issue(session, now=clock.now(), ttl=dt.timedelta(days=1), service_account=account)
    app = create_app(settings, plugin_manager=create_plugin_manager(), clock=clock)
    async with AsyncTestClient(app=app) as client:
        headers = {"Authorization": f"Bearer {secret}"}
        rows = (
            await client.get(
                "/api/v1/reports/compliance",
                params={
                    "since": (clock.now() - dt.timedelta(days=30)).isoformat(),
                    "until": clock.now().isoformat(),
                    "period": "week",
                },
                headers=headers,
            )
        ).json()
        assert {r["unit"] for r in rows} == {"HO", "BJ", "SH"} and all(r["events"] > 0 for r in rows)
        pilot = (await client.get("/api/v1/touchpoints/counter_service/versions", headers=headers)).json()[1]
        comparison = (await client.get(f"/api/v1/reports/pilots/{pilot['id']}", headers=headers)).json()
        assert comparison["pilot_units"] == ["BJ-CY", "SH-PD"]
        assert comparison["pilot"]["events"] > 0 and comparison["rest"]["events"] > 0
        visits = (
            await client.get(
                "/api/v1/reports/frequency",
                params={
                    "touchpoint": "cm_visit",
                    "since": (clock.now() - dt.timedelta(days=30)).isoformat(),
                    "until": clock.now().isoformat(),
                },
                headers=headers,
            )
        ).json()
        assert [(f["control"], f["tier"], f["period"]) for f in visits] == [("gold_monthly", "gold", "month")]
        assert visits[0]["clients"] > 0 and 0 <= visits[0]["met"] <= visits[0]["clients"] * visits[0]["periods"]
