"""Reports roll redemptions up the tree by perk, tier and period (cancelled ones counted apart,
cost summed exactly from the unit cost), and utilisation shows what share of the entitled
clients' quota was used in the period."""

from __future__ import annotations

from core.clock import FrozenClock
from tests.plugins.vip_benefits.conftest import API, CAKE, LOUNGE, Programme

NOVEMBER_TO_NEW_YEAR = {"since": "2026-11-01T00:00:00+08:00", "until": "2027-01-01T00:00:00+08:00"}


async def beijing_programme(vip: Programme, clock: FrozenClock) -> None:
    await vip.switch("BR1")
    await vip.perk(LOUNGE, unit="BR1")
    await vip.perk(CAKE, unit="BR1")
    await vip.rules(
        "BR1",
        {"perk": "airport_lounge", "tier": "gold", "quota": 3, "companions": 1},
        {"perk": "airport_lounge", "tier": "private_banking", "quota": 6},
        {"perk": "birthday_cake", "tier": "gold", "quota": 1},
    )
    a, b, c = await vip.open_client("gold"), await vip.open_client("gold"), await vip.open_client("gold", unit="OUT3")
    rich = await vip.open_client("private_banking", unit="OUT2")
    await vip.redeem(a, companions=1)
    await vip.redeem(a, "birthday_cake")
    cancelled = (await vip.redeem(b)).json()["redemption"]["id"]
    await vip.client.post(
        f"{API}/redemptions/{cancelled}/cancel", json={"reason": "误操作"}, headers=await vip.as_("teller", "OUT1")
    )
    await vip.redeem(c, by=("teller", "OUT3"))
    await vip.redeem(rich, by=("teller", "OUT2"))
    clock.advance(days=15)  # 5 December
    await vip.redeem(a)


async def test_redemptions_cost_and_utilisation_roll_up_the_tree(vip: Programme, clock: FrozenClock) -> None:
    await beijing_programme(vip, clock)
    report = (
        await vip.client.get(
            f"{API}/reports/redemptions",
            headers=await vip.as_("branch_service", "BR1"),
            params={**NOVEMBER_TO_NEW_YEAR, "unit": "BR1", "period": "month"},
        )
    ).json()
    rows = {
        (r["unit"], r["perk"], r["tier"], r["period"]): (r["redemptions"], r["cancelled"], r["companions"], r["cost"])
        for r in report
    }
    assert rows == {
        ("BR1", "airport_lounge", "gold", "2026-11-01"): (2, 1, 1, "360.00"),
        ("BR1", "airport_lounge", "gold", "2026-12-01"): (1, 0, 0, "180.00"),
        ("BR1", "airport_lounge", "private_banking", "2026-11-01"): (1, 0, 0, "180.00"),
        ("BR1", "birthday_cake", "gold", "2026-11-01"): (1, 0, 0, "88.50"),
        ("SB1", "airport_lounge", "gold", "2026-11-01"): (1, 1, 1, "180.00"),
        ("SB1", "airport_lounge", "gold", "2026-12-01"): (1, 0, 0, "180.00"),
        ("SB1", "airport_lounge", "private_banking", "2026-11-01"): (1, 0, 0, "180.00"),
        ("SB1", "birthday_cake", "gold", "2026-11-01"): (1, 0, 0, "88.50"),
        ("SB2", "airport_lounge", "gold", "2026-11-01"): (1, 0, 0, "180.00"),
    }
    yearly = (
        await vip.client.get(
            f"{API}/reports/redemptions",
            headers=await vip.as_("branch_service", "BR1"),
            params={**NOVEMBER_TO_NEW_YEAR, "unit": "SB2", "period": "year", "depth": 0},
        )
    ).json()
    assert [(r["unit"], r["period"], r["redemptions"]) for r in yearly] == [("SB2", "2026-01-01", 1)]
    backwards = await vip.client.get(
        f"{API}/reports/redemptions",
        headers=await vip.as_("branch_service", "BR1"),
        params={"since": "2026-12-01T00:00:00+08:00", "until": "2026-11-01T00:00:00+08:00"},
    )
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "until"
    report = (
        await vip.client.get(
            f"{API}/reports/utilisation", headers=await vip.as_("branch_service", "BR1"), params={"unit": "BR1"}
        )
    ).json()
    rows = {
        (r["unit"], r["perk"], r["tier"]): (r["period"], r["clients"], r["quota"], r["used"], r["utilisation"])
        for r in report
    }
    assert rows == {
        ("BR1", "airport_lounge", "gold"): ("calendar_year", 3, 9, 3, 0.3333),  # b's use was cancelled
        ("BR1", "airport_lounge", "private_banking"): ("calendar_year", 1, 6, 1, 0.1667),
        ("BR1", "birthday_cake", "gold"): ("calendar_year", 3, 3, 1, 0.3333),
        ("SB1", "airport_lounge", "gold"): ("calendar_year", 2, 6, 2, 0.3333),
        ("SB1", "airport_lounge", "private_banking"): ("calendar_year", 1, 6, 1, 0.1667),
        ("SB1", "birthday_cake", "gold"): ("calendar_year", 2, 2, 1, 0.5),
        ("SB2", "airport_lounge", "gold"): ("calendar_year", 1, 3, 1, 0.3333),
        ("SB2", "birthday_cake", "gold"): ("calendar_year", 1, 1, 0, 0.0),
    }
    outlet = await vip.client.get(
        f"{API}/reports/utilisation",
        headers=await vip.as_("outlet_head", "OUT1"),
        params={"unit": "OUT1", "at": "2027-01-05T10:00:00+08:00"},
    )
    assert [(r["perk"], r["used"], r["window_start"]) for r in outlet.json()] == [
        ("airport_lounge", 0, "2026-12-31T16:00:00Z"),
        ("birthday_cake", 0, "2026-12-31T16:00:00Z"),
    ]
