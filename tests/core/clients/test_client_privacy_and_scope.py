"""Staff see only their subtree's clients, and personal data only when their role needs it."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

NEW = {
    "kind": "retail",
    "name": "陈静",
    "unit": "OUT1",
    "reason": "开户",
    "id_number": "110105199001011234",
    "phone": "13912345678",
    "email": "chenjing@example.cn",
    "address": "北京市朝阳区望京街道10号",
}


async def test_a_teller_sees_personal_data_masked(client: AsyncTestClient, token_for) -> None:
    cid = (await client.post("/api/v1/clients", json=NEW, headers=await token_for("customer_manager", "OUT1"))).json()[
        "id"
    ]
    body = (await client.get(f"/api/v1/clients/{cid}", headers=await token_for("teller", "OUT1"))).json()
    assert body["id_number"] == "110105********1234"
    assert body["phone"] == "139****5678"
    assert body["email"] == "c***@example.cn"
    assert body["address"] == "北京市朝***"
    assert body["name"] == "陈静"


async def test_a_customer_manager_sees_personal_data_in_full(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    cid = (await client.post("/api/v1/clients", json=NEW, headers=headers)).json()["id"]
    body = (await client.get(f"/api/v1/clients/{cid}", headers=headers)).json()
    assert body["id_number"] == NEW["id_number"]
    assert body["phone"] == NEW["phone"]


async def test_history_masks_personal_fields_for_a_teller(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    cid = (await client.post("/api/v1/clients", json=NEW, headers=headers)).json()["id"]
    await client.patch(f"/api/v1/clients/{cid}", json={"reason": "换号", "phone": "13700001111"}, headers=headers)
    history = (await client.get(f"/api/v1/clients/{cid}/history", headers=await token_for("teller", "OUT1"))).json()
    change = history["items"][-1]["changes"][0]
    assert change == {"field": "phone", "before": "139****5678", "after": "137****1111"}


async def test_a_client_of_another_outlet_is_not_found(client: AsyncTestClient, token_for) -> None:
    cid = (await client.post("/api/v1/clients", json=NEW, headers=await token_for("customer_manager", "OUT1"))).json()[
        "id"
    ]
    other = await token_for("customer_manager", "OUT2")
    for path in ("", "/history", "/view"):
        assert (await client.get(f"/api/v1/clients/{cid}{path}", headers=other)).status_code == 404
    response = await client.patch(f"/api/v1/clients/{cid}", json={"reason": "x", "name": "y"}, headers=other)
    assert response.status_code == 404


async def test_a_sub_branch_head_sees_clients_of_every_outlet_below(client: AsyncTestClient, token_for) -> None:
    cid = (await client.post("/api/v1/clients", json=NEW, headers=await token_for("customer_manager", "OUT1"))).json()[
        "id"
    ]
    head = await token_for("sub_branch_head", "SB1")
    assert (await client.get(f"/api/v1/clients/{cid}", headers=head)).status_code == 200
    assert (
        await client.get(f"/api/v1/clients/{cid}", headers=await token_for("sub_branch_head", "SB2"))
    ).status_code == 404


async def test_creating_a_client_at_a_unit_outside_scope_is_forbidden(client: AsyncTestClient, token_for) -> None:
    response = await client.post(
        "/api/v1/clients", json={**NEW, "unit": "OUT4"}, headers=await token_for("customer_manager", "OUT1")
    )
    assert response.status_code == 403
    assert response.json()["type"].endswith("/out-of-scope")


async def test_listing_with_a_unit_outside_scope_is_forbidden(client: AsyncTestClient, token_for) -> None:
    response = await client.get(
        "/api/v1/clients", params={"unit": "BR2"}, headers=await token_for("outlet_head", "OUT1")
    )
    assert response.status_code == 403
