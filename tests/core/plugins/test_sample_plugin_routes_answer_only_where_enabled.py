"""The sample plugin's routes are mounted under /api/v1/plugins/acme_lounge and answer only at
units where an administrator switched it on; elsewhere a 404 problem names the plugin and the unit."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

URL = "/api/v1/plugins/acme_lounge/visits"
GOLD = {"kind": "retail", "name": "钱多多", "unit": "OUT1", "reason": "开户", "assets_under_management": "900000"}


async def switch(client: AsyncTestClient, admin: dict[str, str], unit: str, enabled: bool) -> None:
    response = await client.put(
        f"/api/v1/units/{unit}/plugins/acme_lounge", json={"enabled": enabled, "reason": "试点"}, headers=admin
    )
    assert response.status_code == 200, response.text


def disabled(response, unit: str) -> bool:  # type: ignore[no-untyped-def]
    problem = response.json()
    return (response.status_code, problem["type"].rsplit("/", 1)[1], problem["plugin"], problem["unit"]) == (
        404,
        "plugin-disabled",
        "acme_lounge",
        unit,
    )


async def test_it_is_off_by_default_and_its_routes_answer_a_problem_naming_it(
    client: AsyncTestClient, token_for
) -> None:
    teller = await token_for("teller", "OUT1")
    assert disabled(await client.get(URL, headers=teller), "OUT1")
    assert disabled(await client.post(URL, json={"client": "cl_x", "airport": "PEK"}, headers=teller), "OUT1")


async def test_switched_on_at_a_sub_branch_it_answers_for_its_outlets_only(client: AsyncTestClient, token_for) -> None:
    await switch(client, await token_for("admin", "HO"), "SB1", True)
    listing = await client.get(URL, headers=await token_for("teller", "OUT1"))
    assert listing.status_code == 200 and listing.json() == {"items": [], "next_cursor": None}
    assert disabled(await client.get(URL, headers=await token_for("teller", "OUT3")), "OUT3")
    assert disabled(await client.get(URL, params={"unit": "SB2"}, headers=await token_for("admin", "HO")), "SB2")


async def test_a_unit_switched_off_below_answers_404_until_its_switch_is_cleared(
    client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    await switch(client, admin, "BR1", True)
    await switch(client, admin, "OUT2", False)
    assert disabled(await client.get(URL, params={"unit": "OUT2"}, headers=admin), "OUT2")
    assert (await client.get(URL, params={"unit": "OUT1"}, headers=admin)).status_code == 200
    cleared = await client.delete("/api/v1/units/OUT2/plugins/acme_lounge", params={"reason": "开通"}, headers=admin)
    assert cleared.status_code == 200
    assert (await client.get(URL, params={"unit": "OUT2"}, headers=admin)).status_code == 200


async def test_a_visit_is_refused_where_the_clients_own_unit_has_it_off(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await switch(client, admin, "SB1", True)
    await switch(client, admin, "OUT2", False)
    gold = (
        await client.post(
            "/api/v1/clients", json={**GOLD, "unit": "OUT2"}, headers=await token_for("customer_manager", "OUT2")
        )
    ).json()["id"]
    refused = await client.post(
        URL, json={"client": gold, "airport": "PEK"}, headers=await token_for("outlet_head", "SB1")
    )
    assert disabled(refused, "OUT2")


async def test_its_routes_keep_the_cores_permission_and_scope_rules(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await switch(client, admin, "HO", True)
    gold = (
        await client.post("/api/v1/clients", json=GOLD, headers=await token_for("customer_manager", "OUT1"))
    ).json()["id"]
    visit = {"client": gold, "airport": "PEK"}
    forbidden = await client.post(URL, json=visit, headers=await token_for("sub_branch_head", "SB1"))
    assert forbidden.status_code == 403 and forbidden.json()["type"].endswith("/forbidden")
    elsewhere = await client.post(URL, json=visit, headers=await token_for("teller", "OUT3"))
    assert elsewhere.status_code == 404 and elsewhere.json()["type"].endswith("/not-found")
    out_of_scope = await client.get(URL, params={"unit": "OUT1"}, headers=await token_for("teller", "OUT3"))
    assert out_of_scope.status_code == 403 and out_of_scope.json()["type"].endswith("/out-of-scope")
    assert (await client.get(URL, headers=await token_for("teller", "OUT1"))).status_code == 200
