"""Creating, reading and changing clients through the API, with reasons and history."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

NEW = {
    "kind": "retail",
    "name": "王小明",
    "unit": "OUT1",
    "reason": "开户",
    "state": "active",
    "id_number": "110105199001011234",
    "phone": "13800138000",
    "assets_under_management": "650000.50",
    "deposits": "120000",
}


async def test_a_client_created_with_chinese_name_round_trips_with_its_tier(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    created = await client.post("/api/v1/clients", json=NEW, headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["name"] == "王小明"
    assert body["tier"] == "gold"
    assert body["assets_under_management"] == "650000.50"
    fetched = await client.get(f"/api/v1/clients/{body['id']}", headers=headers)
    assert fetched.json()["name"] == "王小明"
    assert fetched.json()["unit"]["name"] == "望京网点"


async def test_a_change_without_a_reason_is_refused_naming_the_field(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    created = (await client.post("/api/v1/clients", json=NEW, headers=headers)).json()
    response = await client.patch(
        f"/api/v1/clients/{created['id']}", json={"reason": "", "name": "王大明"}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    unchanged = await client.get(f"/api/v1/clients/{created['id']}", headers=headers)
    assert unchanged.json()["name"] == "王小明"


async def test_every_change_is_kept_in_history_with_its_reason(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    created = (await client.post("/api/v1/clients", json=NEW, headers=headers)).json()
    await client.patch(
        f"/api/v1/clients/{created['id']}", json={"reason": "客户更名", "name": "王大明"}, headers=headers
    )
    history = (await client.get(f"/api/v1/clients/{created['id']}/history", headers=headers)).json()["items"]
    assert [h["action"] for h in history] == ["created", "updated"]
    assert history[1]["reason"] == "客户更名"
    assert history[1]["changes"] == [{"field": "name", "before": "王小明", "after": "王大明"}]


async def test_corporate_fields_on_a_retail_client_are_refused(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    response = await client.post("/api/v1/clients", json={**NEW, "risk_class": "high"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "risk_class", "message": "仅适用于对公客户"}]


async def test_search_finds_clients_by_name_within_the_subtree(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    await client.post("/api/v1/clients", json=NEW, headers=headers)
    found = (await client.get("/api/v1/clients", params={"q": "小明"}, headers=headers)).json()
    assert [c["name"] for c in found["items"]] == ["王小明"]
    elsewhere = await token_for("customer_manager", "OUT4")
    assert (await client.get("/api/v1/clients", params={"q": "小明"}, headers=elsewhere)).json()["items"] == []
