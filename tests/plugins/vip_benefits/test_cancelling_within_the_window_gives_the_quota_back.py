"""A redemption cancelled within its perk's window stops counting, so its use comes back;
after the window (or the booked time) it cannot be cancelled; a second cancellation, one
without a reason and one from outside the serving unit's subtree are refused; a cancelled
booking is announced to the provider and every cancellation audited with its reason."""

from __future__ import annotations

from core.clock import FrozenClock
from tests.plugins.vip_benefits.conftest import API, SALON, Programme


async def cancel(
    vip: Programme,
    redemption: str,
    by: tuple[str, str] = ("teller", "OUT1"),  # type: ignore[no-untyped-def]
    reason: str = "客户改期",
):
    return await vip.client.post(
        f"{API}/redemptions/{redemption}/cancel", json={"reason": reason}, headers=await vip.as_(*by)
    )


async def test_a_cancellation_in_time_gives_back_exactly_one_use(lounge: Programme, clock: FrozenClock) -> None:
    gold = await lounge.open_client("gold")
    used = [(await lounge.redeem(gold)).json()["redemption"]["id"] for _ in range(3)]
    assert await lounge.left(gold) == 0
    clock.advance(hours=23)
    assert (await cancel(lounge, used[1], by=("teller", "OUT2"))).status_code == 404
    no_reason = await cancel(lounge, used[1], reason="")
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reason"
    cancelled = await cancel(lounge, used[1])
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["cancel_reason"]) == ("cancelled", "客户改期")
    assert await lounge.left(gold) == 1
    twice = await cancel(lounge, used[1])
    assert twice.status_code == 409 and twice.json()["type"].endswith("/transition-not-allowed")
    assert await lounge.left(gold) == 1 and (await lounge.redeem(gold)).status_code == 201
    clock.advance(hours=1, seconds=1)  # the first use is now 24 h old: it stands
    late = await cancel(lounge, used[0])
    assert late.status_code == 409 and late.json()["allowed"] == []
    assert await lounge.left(gold) == 0


async def test_a_booking_can_be_cancelled_until_its_time_and_the_provider_hears_of_it(
    lounge: Programme, clock: FrozenClock
) -> None:
    await lounge.perk(SALON, unit="SB1")  # 48 hours to cancel, but never after the booked time
    await lounge.rules("SB1", {"perk": "wealth_salon", "tier": "gold", "quota": 1})
    gold = await lounge.open_client("gold")
    soon = (await lounge.redeem(gold, "wealth_salon", scheduled_for="2026-11-21T10:00:00+08:00")).json()["redemption"]
    assert soon["cancel_deadline"] == "2026-11-21T02:00:00Z"
    assert (await cancel(lounge, soon["id"])).status_code == 200
    later = (await lounge.redeem(gold, "wealth_salon", scheduled_for="2026-11-21T10:00:00+08:00")).json()["redemption"]
    clock.advance(hours=17, seconds=1)  # past 10:00 in Beijing
    assert (await cancel(lounge, later["id"])).status_code == 409
    notices = (
        await lounge.client.get(
            "/api/v1/outbox", params={"topic": "vip_benefits.booking"}, headers=await lounge.as_("operations")
        )
    ).json()["items"]
    assert [n["key"].rsplit(":", 1)[1] for n in notices] == ["booked", "cancelled", "booked"]
    audit = (
        await lounge.client.get(
            "/api/v1/audit", params={"entity": "vip_benefits_redemption"}, headers=await lounge.as_("compliance")
        )
    ).json()["items"]
    assert [(e["action"], e["reason"]) for e in audit] == [
        ("booked", None),
        ("cancelled", "客户改期"),
        ("booked", None),
    ]
