"""The sample plugin's per-unit settings, set through the core's settings API, decide who may
use a lounge and how many visits a year are free; every recorded visit is audited."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

URL = "/api/v1/plugins/acme_lounge/visits"
SETTINGS = "/api/v1/units/{}/plugins/acme_lounge/settings"


async def opened(client: AsyncTestClient, token_for, assets: str) -> tuple[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """Switch the plugin on at SB1; a client of OUT1 with ``assets``; the outlet's lounge desk."""
    admin = await token_for("admin", "HO")
    await client.put("/api/v1/units/SB1/plugins/acme_lounge", json={"enabled": True, "reason": "试点"}, headers=admin)
    body = {"kind": "retail", "name": "钱多多", "unit": "OUT1", "reason": "开户", "assets_under_management": assets}
    created = await client.post("/api/v1/clients", json=body, headers=await token_for("customer_manager", "OUT1"))
    return created.json()["id"], await token_for("lobby_manager", "OUT1")


async def test_visits_beyond_the_free_allowance_set_at_the_sub_branch_are_charged(
    client: AsyncTestClient, token_for
) -> None:
    gold, desk = await opened(client, token_for, "900000")
    admin = await token_for("admin", "HO")
    put = await client.put(
        SETTINGS.format("SB1"), json={"values": {"free_visits_per_year": 1}, "reason": "额度收紧"}, headers=admin
    )
    assert put.status_code == 200, put.text
    at_outlet = (await client.get(SETTINGS.format("OUT1"), headers=admin)).json()
    assert at_outlet["values"]["free_visits_per_year"] == 1 and at_outlet["set_at"] == {"free_visits_per_year": "SB1"}
    first = await client.post(URL, json={"client": gold, "airport": "PEK", "guests": 1}, headers=desk)
    second = await client.post(URL, json={"client": gold, "airport": "PVG"}, headers=desk)
    assert first.status_code == second.status_code == 201, first.text
    assert [first.json()["free"], second.json()["free"]] == [True, False]
    assert first.json()["unit"] == "OUT1" and first.json()["recorded_by"].startswith("staff:st_")


async def test_a_tier_without_lounge_access_is_refused_until_a_unit_grants_it(
    client: AsyncTestClient, token_for
) -> None:
    silver, desk = await opened(client, token_for, "60000")
    refused = await client.post(URL, json={"client": silver, "airport": "PEK"}, headers=desk)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "client"
    await client.put(
        SETTINGS.format("OUT1"),
        json={"values": {"eligible_tiers": ["gold", "silver"]}, "reason": "活动"},
        headers=await token_for("admin", "HO"),
    )
    assert (await client.post(URL, json={"client": silver, "airport": "PEK"}, headers=desk)).status_code == 201


async def test_bad_input_names_the_field_and_writes_nothing(client: AsyncTestClient, token_for) -> None:
    gold, desk = await opened(client, token_for, "900000")
    bad_airport = await client.post(URL, json={"client": gold, "airport": "Beijing"}, headers=desk)
    assert bad_airport.status_code == 422 and bad_airport.json()["errors"][0]["field"] == "airport"
    bad_setting = await client.put(
        SETTINGS.format("SB1"),
        json={"values": {"free_visits_per_year": -1}, "reason": "x"},
        headers=await token_for("admin", "HO"),
    )
    assert bad_setting.status_code == 422 and bad_setting.json()["errors"][0]["field"] == "values.free_visits_per_year"
    assert (await client.get(URL, params={"kind": "visit"}, headers=desk)).json()["items"] == []


async def test_the_ledger_is_filtered_paginated_and_every_visit_audited(client: AsyncTestClient, token_for) -> None:
    gold, desk = await opened(client, token_for, "900000")
    for airport in ("PEK", "PVG", "CAN"):
        await client.post(URL, json={"client": gold, "airport": airport}, headers=desk)
    first = (await client.get(URL, params={"kind": "visit", "client": gold, "limit": 2}, headers=desk)).json()
    rest = (await client.get(URL, params={"kind": "visit", "cursor": first["next_cursor"]}, headers=desk)).json()
    assert [v["airport"] for v in first["items"] + rest["items"]] == ["PEK", "PVG", "CAN"] and rest[
        "next_cursor"
    ] is None
    entries = (
        await client.get(
            "/api/v1/audit", params={"entity": "acme_lounge_visit"}, headers=await token_for("compliance", "HO")
        )
    ).json()["items"]
    assert [(e["action"], e["unit"], e["after"]["airport"]) for e in entries] == [
        ("recorded", "OUT1", "PEK"),
        ("recorded", "OUT1", "PVG"),
        ("recorded", "OUT1", "CAN"),
    ]
