"""Enablement follows the record, not the caller: a head-office admin (the programme is off at
head office, on only at the Chaoyang sub-branch) reads a pilot client's balance, redeems a perk
for them, reads and cancels the redemption without adding ``?unit=``; for a client of a unit
where the programme is off, the same calls answer 404 ``plugin-disabled`` naming the plugin and
the client's unit."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, Programme


def disabled_at(response, unit: str) -> bool:  # type: ignore[no-untyped-def]
    body = response.json()
    return (response.status_code, body["type"].rsplit("/", 1)[1], body.get("plugin"), body.get("unit")) == (
        404,
        "plugin-disabled",
        "vip_benefits",
        unit,
    )


async def test_head_office_redeems_for_a_client_of_the_pilot(lounge: Programme) -> None:
    gold = await lounge.open_client("gold", unit="OUT1")
    admin = await lounge.as_("admin", "HO")
    assert (await lounge.client.get(f"{API}/clients/{gold}/balance", headers=admin)).status_code == 200
    answer = await lounge.redeem(gold, by=("admin", "HO"))
    assert answer.status_code == 201, answer.text
    redemption = answer.json()["redemption"]
    assert (redemption["unit"], answer.json()["left"]) == ("OUT1", 2)
    found = await lounge.client.get(f"{API}/redemptions/{redemption['id']}", headers=admin)
    assert found.status_code == 200 and found.json()["client"] == gold
    cancelled = await lounge.client.post(
        f"{API}/redemptions/{redemption['id']}/cancel", json={"reason": "客户改期"}, headers=admin
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled", cancelled.text


async def test_a_client_where_it_is_off_is_refused_naming_the_plugin_and_the_clients_unit(lounge: Programme) -> None:
    elsewhere = await lounge.open_client("gold", unit="OUT3")
    admin = await lounge.as_("admin", "HO")
    assert disabled_at(await lounge.redeem(elsewhere, by=("admin", "HO")), "OUT3")
    assert disabled_at(await lounge.client.get(f"{API}/clients/{elsewhere}/balance", headers=admin), "OUT3")
