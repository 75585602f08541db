"""A client's tier move reaches the programme through the lifecycle hook: an upgrade grants
the new tier's entitlements at once, pro rata for the rest of the period unless the unit
says otherwise; a downgrade keeps the old tier's entitlements for the grace period (90 days
unless the unit sets another), and the client 360° view says so beside the balance and the
latest redemptions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from core.clock import FrozenClock
from core.context import JobContext
from core.jobs import run_job
from core.models import Client
from core.plugins import PluginRuntime, create_plugin_manager
from core.testing import START
from plugins.vip_benefits.models import TierMove
from tests.plugins.vip_benefits.conftest import LOUNGE, Programme

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries

YEARLY = [
    {"perk": "airport_lounge", "tier": "silver", "quota": 2},
    {"perk": "airport_lounge", "tier": "gold", "quota": 12},
]


async def yearly_lounge(vip: Programme) -> None:
    await vip.switch("SB1")
    await vip.perk(LOUNGE, unit="SB1")
    await vip.rules("SB1", *YEARLY)


async def test_an_upgrade_adds_the_rest_of_the_year_pro_rata_or_all_at_once(vip: Programme) -> None:
    await yearly_lounge(vip)
    pro_rata, whole = await vip.open_client("silver"), await vip.open_client("silver", unit="OUT2")
    await vip.settings("OUT2", prorate_upgrades=False)
    for client in (pro_rata, whole):
        assert (await vip.redeem(client, by=("admin", "SB1"))).status_code == 201
        await vip.set_tier(client, "gold")
    # 20 Nov 17:00 in Beijing: 41.3 of 365 days left, so 2 + 10 × 0.113 rounds to 3
    raised = (await vip.balance(pro_rata))["airport_lounge"]
    assert (raised["quota"], raised["used"], raised["left"], raised["basis"]) == (3, 1, 2, "pro_rata")
    at_once = (await vip.balance(whole, by=("admin", "SB1")))["airport_lounge"]
    assert (at_once["quota"], at_once["left"], at_once["basis"]) == (12, 11, "tier")


async def test_a_downgrade_keeps_the_old_entitlements_for_the_grace_period(vip: Programme, clock: FrozenClock) -> None:
    await yearly_lounge(vip)
    gold, short = await vip.open_client("gold"), await vip.open_client("gold", unit="OUT2")
    await vip.settings("OUT2", downgrade_grace_days=30)
    redeemed = (await vip.redeem(gold)).json()["redemption"]
    for client in (gold, short):
        await vip.set_tier(client, "silver")
    kept = await vip.balance(gold)
    assert (kept["airport_lounge"]["quota"], kept["airport_lounge"]["left"], kept["airport_lounge"]["basis"]) == (
        12,
        11,
        "grace",
    )
    assert kept["_"]["grace"] == {
        "from_tier": "gold",
        "until": (START + dt.timedelta(days=90)).isoformat().replace("+00:00", "Z"),
    }
    view = (await vip.client.get(f"/api/v1/clients/{gold}/view", headers=await vip.as_("teller", "OUT1"))).json()
    section = next(s for s in view["sections"] if s["plugin"] == "vip_benefits")
    assert section["data"]["tier"] == "silver" and section["data"]["grace"] == kept["_"]["grace"]
    assert [(b["perk"], b["left"], b["basis"]) for b in section["data"]["balance"]] == [("airport_lounge", 11, "grace")]
    assert [(r["id"], r["perk"], r["unit"], r["status"]) for r in section["data"]["recent"]] == [
        (redeemed["id"], "airport_lounge", "OUT1", "redeemed")
    ]
    clock.advance(days=31)
    assert (await vip.balance(short, by=("admin", "SB1")))["_"]["grace"] is None
    clock.advance(days=59)  # 90 days on: 2027, silver's own rule and nothing used this year
    after = await vip.balance(gold)
    assert (after["airport_lounge"]["quota"], after["airport_lounge"]["left"], after["_"]["grace"]) == (2, 2, None)


async def test_the_retiering_job_tells_it_of_each_move_where_it_is_on(
    vip: Programme, db, settings, clock: FrozenClock
) -> None:
    await yearly_lounge(vip)
    here = await vip.open_client("gold")
    await vip.open_client("gold", unit="OUT3")  # moves too, where the programme is off: nothing remembered
    async with db.unit_of_work() as session:
        await session.execute(sa.update(Client).values(assets_under_management=Decimal("60000")))
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    assert await run_job("retier", job) == "retier: 2 clients changed tier"
    async with db.unit_of_work(readonly=True) as session:
        moves = (
            await session.execute(
                sa.select(Client.public_id, TierMove.old_tier, TierMove.new_tier, TierMove.direction).join(
                    Client, Client.id == TierMove.client_id
                )
            )
        ).all()
    assert moves == [(here, "gold", "silver", "downgrade")]
    assert (await vip.balance(here))["airport_lounge"]["basis"] == "grace"
