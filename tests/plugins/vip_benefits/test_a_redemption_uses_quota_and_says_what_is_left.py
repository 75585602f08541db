"""A redemption checks the client's entitlement, uses one of its quota and says what is left;
when nothing is left it is refused with a problem naming the quota; each redemption is a
service event on the perk-redemption touchpoint and is audited."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, SALON, Programme


async def test_quota_is_used_one_by_one_then_refused(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    answers = [await lounge.redeem(gold) for _ in range(4)]
    assert [a.status_code for a in answers] == [201, 201, 201, 409]
    assert [a.json()["left"] for a in answers[:3]] == [2, 1, 0]
    first = answers[0].json()["redemption"]
    assert (first["status"], first["unit"], first["tier"], first["unit_cost"]) == ("redeemed", "OUT1", "gold", "180.00")
    assert len(first["voucher_code"]) == 12 and first["redeemed_by"].startswith("staff:st_")
    refused = answers[3].json()
    assert refused["type"].endswith("/quota-exhausted") and (refused["quota"], refused["used"]) == (3, 3)
    assert await lounge.left(gold) == 0


async def test_each_redemption_is_a_service_event_and_audited(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    redeemed = (await lounge.redeem(gold, companions=1, measurements={"identity_verified": True, "wait_minutes": 4})).json()
    event_id = redeemed["redemption"]["event"]
    event = (await lounge.client.get(f"/api/v1/events/{event_id}", headers=await lounge.as_("admin"))).json()
    assert (event["touchpoint"], event["unit"], event["client"]) == ("vip_benefits.redemption", "OUT1", gold)
    assert event["measurements"] == {"identity_verified": True, "wait_minutes": 4, "perk": "airport_lounge",
                                     "companions": 1}
    audit = (await lounge.client.get("/api/v1/audit", params={"entity": "vip_benefits_redemption"},
                                     headers=await lounge.as_("compliance"))).json()["items"]
    assert [(e["action"], e["entity_id"], e["after"]["perk"]) for e in audit] == [
        ("redeemed", redeemed["redemption"]["id"], "airport_lounge")]


async def test_a_tier_without_a_rule_and_too_many_companions_are_refused(lounge: Programme) -> None:
    silver, gold = await lounge.open_client("silver"), await lounge.open_client("gold")
    no_rule = await lounge.redeem(silver)
    assert no_rule.status_code == 422 and no_rule.json()["errors"][0]["field"] == "perk"
    crowd = await lounge.redeem(gold, companions=2)
    assert crowd.status_code == 422 and crowd.json()["errors"][0]["field"] == "companions"
    assert await lounge.left(gold) == 3


async def test_a_booking_needs_a_future_time_and_the_provider_hears_of_it(lounge: Programme) -> None:
    await lounge.perk(SALON, unit="SB1")
    await lounge.rules("SB1", {"perk": "wealth_salon", "tier": "gold", "quota": 2})
    gold = await lounge.open_client("gold")
    missing = await lounge.redeem(gold, "wealth_salon")
    past = await lounge.redeem(gold, "wealth_salon", scheduled_for="2026-11-01T10:00:00+08:00")
    on_a_voucher = await lounge.redeem(gold, scheduled_for="2026-12-01T10:00:00+08:00")
    assert [r.json()["errors"][0]["field"] for r in (missing, past, on_a_voucher)] == ["scheduled_for"] * 3
    booked = await lounge.redeem(gold, "wealth_salon", scheduled_for="2026-12-01T10:00:00+08:00", note="两位")
    assert booked.status_code == 201 and booked.json()["redemption"]["status"] == "booked"
    assert booked.json()["redemption"]["scheduled_for"] == "2026-12-01T02:00:00Z"
    notices = (await lounge.client.get("/api/v1/outbox", params={"topic": "vip_benefits.booking"},
                                       headers=await lounge.as_("operations"))).json()["items"]
    assert [(n["key"], n["unit"]) for n in notices] == [(f"vip-booking:{booked.json()['redemption']['id']}:booked", "OUT1")]


async def test_a_perk_outside_its_active_window_or_unknown_is_refused(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    closed = await lounge.client.patch(f"{API}/perks/airport_lounge", params={"unit": "SB1"},
                                       json={"active_until": "2026-11-19", "reason": "合作到期"},
                                       headers=await lounge.as_("head_office_service"))
    assert closed.status_code == 200 and closed.json()["active_today"] is False
    expired, unknown = await lounge.redeem(gold), await lounge.redeem(gold, "yacht")
    assert [(r.status_code, r.json()["errors"][0]["field"]) for r in (expired, unknown)] == [(422, "perk")] * 2
    assert "airport_lounge" not in await lounge.balance(gold)


async def test_a_client_is_served_at_a_unit_of_the_callers_subtree_and_nowhere_else(lounge: Programme) -> None:
    gold = await lounge.open_client("gold", unit="OUT2")
    at_other_outlet = await lounge.redeem(gold, by=("outlet_head", "SB1"), unit="OUT1")
    assert at_other_outlet.status_code == 201 and at_other_outlet.json()["redemption"]["unit"] == "OUT1"
    stranger = await lounge.redeem(gold, by=("teller", "OUT1"))
    assert stranger.status_code == 404 and stranger.json()["type"].endswith("/not-found")
    outside = await lounge.redeem(gold, by=("outlet_head", "SB1"), unit="OUT3")
    assert outside.status_code == 403 and outside.json()["type"].endswith("/out-of-scope")
