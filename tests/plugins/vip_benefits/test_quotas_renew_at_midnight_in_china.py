"""Quotas renew when the period turns in China Standard Time: a monthly perk at local
midnight on the 1st (16:00 UTC the day before), a yearly one at local midnight on 1 January,
and a rolling-12-months one exactly a year after each use."""

from __future__ import annotations

import datetime as dt

from core.clock import FrozenClock
from tests.plugins.vip_benefits.conftest import CAKE, LOUNGE, SALON, Programme, at_local

VOUCHER = {"fulfilment": "voucher", "cancel_window_hours": 0}


async def test_each_kind_of_period_renews_on_its_own_boundary(vip: Programme, clock: FrozenClock) -> None:
    await vip.switch("SB1")
    for perk, period in ((LOUNGE, "month"), (CAKE, "calendar_year"), (SALON, "rolling_12_months")):
        await vip.perk({**perk, **VOUCHER}, unit="SB1")
        await vip.rules("SB1", {"perk": perk["code"], "tier": "gold", "quota": 1, "period": period})
    gold = await vip.open_client("gold")
    clock.set(at_local(2026, 12, 31, 23, 59))
    for perk in ("airport_lounge", "birthday_cake", "wealth_salon"):
        assert (await vip.redeem(gold, perk)).status_code == 201
    assert [await vip.left(gold, p) for p in ("airport_lounge", "birthday_cake", "wealth_salon")] == [0, 0, 0]
    clock.set(at_local(2027, 1, 1, 0, 0))
    assert clock.now() == dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)
    assert [await vip.left(gold, p) for p in ("airport_lounge", "birthday_cake", "wealth_salon")] == [1, 1, 0]
    salon = (await vip.balance(gold))["wealth_salon"]
    assert (salon["window_start"], salon["window_end"]) == ("2025-12-31T16:00:00Z", "2026-12-31T16:00:00.000001Z")
    clock.set(at_local(2027, 12, 31, 23, 59))
    vip.headers.clear()  # a year on, the desk works with this year's tokens
    assert await vip.left(gold, "wealth_salon") == 0
    clock.advance(microseconds=1)
    assert await vip.left(gold, "wealth_salon") == 1
