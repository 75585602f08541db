"""A redemption re-sent with the same Idempotency-Key and body is answered again from the
first answer (marked as a replay) without using more quota; the same key with another body
is refused with 422; a redemption without a key is refused before anything is used."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, Programme


async def test_the_same_key_and_body_replay_the_first_answer(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    first = await lounge.redeem(gold, key="desk-7-0001")
    again = await lounge.redeem(gold, key="desk-7-0001")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert await lounge.left(gold) == 2


async def test_the_same_key_with_another_body_is_refused(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    await lounge.redeem(gold, key="desk-7-0002")
    other = await lounge.redeem(gold, key="desk-7-0002", companions=1)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert await lounge.left(gold) == 2


async def test_a_refused_redemption_is_not_remembered_and_a_missing_key_spends_nothing(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    too_many = await lounge.redeem(gold, key="desk-7-0003", companions=5)
    assert too_many.status_code == 422
    fixed = await lounge.redeem(gold, key="desk-7-0004", companions=1)
    assert fixed.status_code == 201
    keyless = await lounge.client.post(f"{API}/redemptions", json={"client": gold, "perk": "airport_lounge"},
                                       headers=await lounge.as_("teller", "OUT1"))
    assert keyless.status_code == 400 and "Idempotency-Key" in keyless.json()["detail"]
    assert await lounge.left(gold) == 2
