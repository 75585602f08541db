"""``GET /reports/tiers``: clients served in a unit's subtree by tier, configured tiers first
(zero counts included), closed and archived clients left out, other subtrees out of reach."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

ASSETS = {"gold": "800000", "silver": "60000", "mass": "100"}


async def _client(client: AsyncTestClient, headers: dict[str, str], unit: str, tier: str) -> str:
    body = {
        "kind": "retail",
        "name": "李雷",
        "unit": unit,
        "reason": "开户",
        "state": "active",
        "assets_under_management": ASSETS[tier],
    }
    response = await client.post("/api/v1/clients", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def test_clients_are_counted_by_tier_over_the_subtree(client: AsyncTestClient, token_for) -> None:
    manager = await token_for("customer_manager", "SB1")
    for unit, tier in (("OUT1", "gold"), ("OUT1", "gold"), ("OUT2", "silver"), ("OUT3", "mass")):
        await _client(client, manager if unit != "OUT3" else await token_for("customer_manager", "OUT3"), unit, tier)
    head = await token_for("sub_branch_head", "SB1")
    response = await client.get("/api/v1/reports/tiers", params={"unit": "SB1"}, headers=head)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "unit": "SB1",
        "unit_name": "朝阳支行",
        "total": 3,
        "tiers": [
            {"tier": "private_banking", "clients": 0},
            {"tier": "gold", "clients": 2},
            {"tier": "silver", "clients": 1},
            {"tier": "mass", "clients": 0},
        ],
    }


async def test_closed_and_archived_clients_are_not_counted(client: AsyncTestClient, token_for) -> None:
    manager = await token_for("customer_manager", "OUT1")
    kept = await _client(client, manager, "OUT1", "gold")
    gone = await _client(client, manager, "OUT1", "gold")
    closed = await _client(client, manager, "OUT1", "silver")
    for path, body in (
        (f"{closed}/transitions", {"to": "closed", "reason": "销户"}),
        (f"{gone}/archive", {"reason": "客户要求"}),
    ):
        assert (await client.post(f"/api/v1/clients/{path}", json=body, headers=manager)).status_code == 200
    body = (await client.get("/api/v1/reports/tiers", headers=await token_for("outlet_head", "OUT1"))).json()
    assert body["unit"] == "OUT1" and body["total"] == 1
    assert {t["tier"]: t["clients"] for t in body["tiers"]} == {"private_banking": 0, "gold": 1, "silver": 0, "mass": 0}
    assert (await client.get(f"/api/v1/clients/{kept}", headers=manager)).json()["state"] == "active"


async def test_another_subtree_is_out_of_scope(client: AsyncTestClient, token_for) -> None:
    response = await client.get(
        "/api/v1/reports/tiers", params={"unit": "SB2"}, headers=await token_for("outlet_head", "SB1")
    )
    assert response.status_code == 403
    assert response.json()["type"].endswith("/out-of-scope")
