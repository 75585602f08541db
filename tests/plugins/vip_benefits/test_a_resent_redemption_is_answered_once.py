"""A redemption re-sent with the same Idempotency-Key and body is answered again from the
first answer (marked as a replay) without using more quota; the same key with another body
is refused with 422; a refused redemption is not remembered, so the key can be corrected and
sent again; a redemption without a key is refused before anything is used."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, Programme


async def test_a_key_answers_once_and_only_for_the_request_it_was_made_for(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    first = await lounge.redeem(gold, key="desk-7-0001")
    again = await lounge.redeem(gold, key="desk-7-0001")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    other = await lounge.redeem(gold, key="desk-7-0001", companions=1)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    too_many = await lounge.redeem(gold, key="desk-7-0002", companions=5)
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "companions"
    assert (await lounge.redeem(gold, key="desk-7-0002", companions=1)).status_code == 201
    keyless = await lounge.client.post(
        f"{API}/redemptions",
        json={"client": gold, "perk": "airport_lounge"},
        headers=await lounge.as_("teller", "OUT1"),
    )
    assert keyless.status_code == 400 and "Idempotency-Key" in keyless.json()["detail"]
    assert await lounge.left(gold) == 1
