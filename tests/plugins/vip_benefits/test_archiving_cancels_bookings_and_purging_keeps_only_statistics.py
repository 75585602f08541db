"""Archiving a client cancels their bookings still to come (the provider is told); purging
them removes the personal data the programme holds (notes, birthday dates, tier history)
while their redemptions stay, anonymous, so reports keep adding up."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.clock import FrozenClock
from core.context import JobContext
from core.jobs import run_job
from core.plugins import PluginRuntime, create_plugin_manager
from plugins.vip_benefits import care
from plugins.vip_benefits.models import CareTask, Redemption, TierMove
from tests.plugins.vip_benefits.conftest import API, CAKE, SALON, Programme

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries


async def test_an_archived_clients_coming_bookings_are_cancelled(lounge: Programme) -> None:
    await lounge.perk(SALON, unit="SB1")
    await lounge.rules("SB1", {"perk": "wealth_salon", "tier": "gold", "quota": 2})
    gold = await lounge.open_client("gold")
    used = (await lounge.redeem(gold)).json()["redemption"]["id"]
    booked = (await lounge.redeem(gold, "wealth_salon", scheduled_for="2026-12-05T14:00:00+08:00")).json()[
        "redemption"
    ]["id"]
    archived = await lounge.client.post(
        f"/api/v1/clients/{gold}/archive",
        json={"reason": "客户销户"},
        headers=await lounge.as_("customer_manager", "OUT1"),
    )
    assert archived.status_code == 200
    reader = await lounge.as_("teller", "OUT1")
    states = {
        r["id"]: (r["status"], r["cancel_reason"])
        for r in (await lounge.client.get(f"{API}/redemptions", params={"client": gold}, headers=reader)).json()[
            "items"
        ]
    }
    assert states == {used: ("redeemed", None), booked: ("cancelled", "client archived")}
    notices = (
        await lounge.client.get(
            "/api/v1/outbox", params={"topic": "vip_benefits.booking"}, headers=await lounge.as_("operations")
        )
    ).json()["items"]
    assert [n["key"] for n in notices] == [f"vip-booking:{booked}:booked", f"vip-booking:{booked}:cancelled"]
    refused = await lounge.redeem(gold, by=("outlet_head", "SB1"))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "client"  # served no more


async def test_a_purged_clients_personal_data_goes_and_the_statistics_stay(
    lounge: Programme, db, settings, clock: FrozenClock
) -> None:
    await lounge.perk(CAKE, unit="SB1")
    await lounge.rules("SB1", {"perk": "birthday_cake", "tier": "gold", "quota": 1})
    gold = await lounge.open_client("gold", birthday="1980-11-22")
    await lounge.redeem(gold, note="航班 CA1234，座位 3A")
    await lounge.set_tier(gold, "silver")
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    await run_job(care.JOB, job)
    await lounge.client.post(
        f"/api/v1/clients/{gold}/archive",
        json={"reason": "客户销户"},
        headers=await lounge.as_("customer_manager", "OUT1"),
    )
    clock.advance(days=31)
    assert await run_job("archive-purge", job) == "archive-purge: 1 clients purged"
    async with db.unit_of_work(readonly=True) as session:
        notes = (await session.execute(sa.select(Redemption.note, Redemption.status))).all()
        birthdays = (await session.execute(sa.select(CareTask.due_on, CareTask.year))).all()
        moves = (await session.execute(sa.select(sa.func.count()).select_from(TierMove))).scalar_one()
    assert notes == [(None, "redeemed")] and birthdays == [(None, 2026)] and moves == 0
    report = (
        await lounge.client.get(
            f"{API}/reports/redemptions",
            headers=await lounge.as_("outlet_head", "SB1"),
            params={
                "since": "2026-11-01T00:00:00+08:00",
                "until": "2026-12-01T00:00:00+08:00",
                "unit": "SB1",
                "depth": 0,
            },
        )
    ).json()
    assert [(r["unit"], r["perk"], r["redemptions"]) for r in report] == [("SB1", "airport_lounge", 1)]
