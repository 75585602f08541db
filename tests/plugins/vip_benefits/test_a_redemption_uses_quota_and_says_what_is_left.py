"""A redemption checks the client's entitlement, uses one of its quota and says what is left;
when nothing is left it is refused with a problem naming the quota; each redemption is a
service event on the perk-redemption touchpoint and is audited; what breaks a rule (no
entitlement, too many companions, a perk out of its window, a booking without a future time)
is refused naming the field, and uses nothing."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, SALON, Programme


async def test_quota_is_used_one_by_one_then_refused_and_each_use_is_a_service_event(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    answers = [await lounge.redeem(gold, companions=1, measurements={"identity_verified": True, "wait_minutes": 4})]
    answers += [await lounge.redeem(gold) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201, 409]
    assert [a.json()["left"] for a in answers[:3]] == [2, 1, 0]
    first = answers[0].json()["redemption"]
    assert (first["status"], first["unit"], first["tier"], first["unit_cost"]) == ("redeemed", "OUT1", "gold", "180.00")
    assert len(first["voucher_code"]) == 12 and first["redeemed_by"].startswith("staff:st_")
    refused = answers[3].json()
    assert refused["type"].endswith("/quota-exhausted") and (refused["quota"], refused["used"]) == (3, 3)
    assert await lounge.left(gold) == 0
    event = (await lounge.client.get(f"/api/v1/events/{first['event']}", headers=await lounge.as_("admin"))).json()
    assert (event["touchpoint"], event["unit"], event["client"]) == ("vip_benefits.redemption", "OUT1", gold)
    assert event["measurements"] == {"identity_verified": True, "wait_minutes": 4}
    audit = (
        await lounge.client.get(
            "/api/v1/audit", params={"entity": "vip_benefits_redemption"}, headers=await lounge.as_("compliance")
        )
    ).json()["items"]
    assert [(e["action"], e["after"]["perk"]) for e in audit] == [("redeemed", "airport_lounge")] * 3
    assert audit[0]["entity_id"] == first["id"]


async def test_what_breaks_a_rule_is_refused_naming_the_field_and_uses_nothing(lounge: Programme) -> None:
    await lounge.perk(SALON, unit="SB1")
    await lounge.rules("SB1", {"perk": "wealth_salon", "tier": "gold", "quota": 2})
    silver, gold = await lounge.open_client("silver"), await lounge.open_client("gold")
    refusals = {
        "perk": [await lounge.redeem(silver), await lounge.redeem(gold, "yacht")],
        "companions": [await lounge.redeem(gold, companions=2)],
        "scheduled_for": [
            await lounge.redeem(gold, "wealth_salon"),
            await lounge.redeem(gold, "wealth_salon", scheduled_for="2026-11-01T10:00:00+08:00"),
            await lounge.redeem(gold, scheduled_for="2026-12-01T10:00:00+08:00"),
        ],
    }
    for field, answers in refusals.items():
        assert [(a.status_code, a.json()["errors"][0]["field"]) for a in answers] == [(422, field)] * len(answers)
    closed = await lounge.client.patch(
        f"{API}/perks/airport_lounge",
        params={"unit": "SB1"},
        json={"active_until": "2026-11-19", "reason": "合作到期"},
        headers=await lounge.as_("head_office_service"),
    )
    assert closed.status_code == 200 and closed.json()["active_today"] is False
    expired = await lounge.redeem(gold)
    assert (expired.status_code, expired.json()["errors"][0]["field"]) == (422, "perk")
    balance = await lounge.balance(gold)
    assert "airport_lounge" not in balance and balance["wealth_salon"]["left"] == 2


async def test_a_booking_is_confirmed_for_its_time_and_the_provider_hears_of_it(lounge: Programme) -> None:
    await lounge.perk(SALON, unit="SB1")
    await lounge.rules("SB1", {"perk": "wealth_salon", "tier": "gold", "quota": 2})
    gold = await lounge.open_client("gold", unit="OUT2")
    booked = await lounge.redeem(
        gold,
        "wealth_salon",
        by=("outlet_head", "SB1"),
        unit="OUT1",
        scheduled_for="2026-12-01T10:00:00+08:00",
        note="两位",
    )
    assert booked.status_code == 201
    out = booked.json()["redemption"]
    assert (out["status"], out["unit"], out["scheduled_for"], out["voucher_code"]) == (
        "booked",
        "OUT1",
        "2026-12-01T02:00:00Z",
        None,
    )
    notices = (
        await lounge.client.get(
            "/api/v1/outbox", params={"topic": "vip_benefits.booking"}, headers=await lounge.as_("operations")
        )
    ).json()["items"]
    assert [(n["key"], n["unit"]) for n in notices] == [(f"vip-booking:{out['id']}:booked", "OUT1")]
    stranger = await lounge.redeem(
        gold, "wealth_salon", by=("teller", "OUT1"), scheduled_for="2026-12-02T10:00:00+08:00"
    )
    assert stranger.status_code == 404 and stranger.json()["type"].endswith("/not-found")
    outside = await lounge.redeem(
        gold, "wealth_salon", by=("outlet_head", "SB1"), unit="OUT3", scheduled_for="2026-12-02T10:00:00+08:00"
    )
    assert outside.status_code == 403 and outside.json()["type"].endswith("/out-of-scope")
