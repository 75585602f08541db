"""Once the redemption standard is in force, the desk's measurements are held to it like any
event's: an impossible value or a key no control reads refuses the redemption with a 422
naming ``measurements.<key>``, and nothing is redeemed (the quota is untouched)."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, Programme


async def test_an_impossible_measurement_redeems_nothing(lounge: Programme) -> None:
    office = await lounge.as_("head_office_service")
    text = (await lounge.client.get(f"{API}/standard.toml", params={"unit": "SB1"}, headers=office)).text
    draft = (await lounge.client.post("/api/v1/standards/import", content=text.encode(), headers=office)).json()
    await lounge.client.post(f"/api/v1/standards/{draft['id']}/publish", json={"reason": "全行推广"}, headers=office)
    gold = await lounge.open_client("gold")
    left = (await lounge.balance(gold))["airport_lounge"]["left"]
    for measurements, field in [
        ({"wait_minutes": -3}, "measurements.wait_minutes"),
        ({"identity_verified": "yes"}, "measurements.identity_verified"),
        ({"wait_minutes": 3, "smiled": True}, "measurements.smiled"),
    ]:
        refused = await lounge.redeem(gold, measurements=measurements)
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert (await lounge.balance(gold))["airport_lounge"]["left"] == left
    redeemed = await lounge.redeem(gold, measurements={"identity_verified": True, "wait_minutes": 3})
    assert redeemed.status_code == 201 and redeemed.json()["left"] == left - 1
