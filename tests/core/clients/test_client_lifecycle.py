"""The client lifecycle: prospect → active ⇄ dormant → closed, archive, restore; 409s name
what is allowed."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

NEW = {"kind": "retail", "name": "李娜", "unit": "OUT1", "reason": "开户"}


async def _new(client: AsyncTestClient, headers: dict[str, str]) -> str:
    return (await client.post("/api/v1/clients", json=NEW, headers=headers)).json()["id"]


async def test_a_prospect_becomes_active_then_dormant_then_active_again(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("customer_manager", "OUT1")
    cid = await _new(client, headers)
    for to in ("active", "dormant", "active"):
        response = await client.post(
            f"/api/v1/clients/{cid}/transitions", json={"to": to, "reason": "核实"}, headers=headers
        )
        assert response.status_code == 200, response.text
        assert response.json()["state"] == to


async def test_a_transition_not_allowed_is_refused_with_409_naming_the_allowed_ones(
    client: AsyncTestClient, token_for
) -> None:
    headers = await token_for("customer_manager", "OUT1")
    cid = await _new(client, headers)
    response = await client.post(
        f"/api/v1/clients/{cid}/transitions", json={"to": "dormant", "reason": "x"}, headers=headers
    )
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("/transition-not-allowed")
    assert problem["allowed"] == ["active", "closed", "archived"]
    assert (await client.get(f"/api/v1/clients/{cid}", headers=headers)).json()["state"] == "prospect"


async def test_an_archived_client_can_be_restored_to_its_former_state(
    client: AsyncTestClient, token_for, clock
) -> None:
    headers = await token_for("customer_manager", "OUT1")
    cid = await _new(client, headers)
    archived = await client.post(f"/api/v1/clients/{cid}/archive", json={"reason": "客户要求删除"}, headers=headers)
    assert archived.json()["state"] == "archived"
    assert archived.json()["purge_after"].startswith("2026-12-20")
    edit = await client.patch(f"/api/v1/clients/{cid}", json={"reason": "x", "name": "李四"}, headers=headers)
    assert edit.status_code == 409
    restored = await client.post(f"/api/v1/clients/{cid}/restore", json={"reason": "误操作"}, headers=headers)
    assert restored.json()["state"] == "prospect"
    assert restored.json()["purge_after"] is None


async def test_a_teller_may_not_change_the_lifecycle(client: AsyncTestClient, token_for) -> None:
    cid = await _new(client, await token_for("customer_manager", "OUT1"))
    teller = await token_for("teller", "OUT1")
    response = await client.post(f"/api/v1/clients/{cid}/archive", json={"reason": "x"}, headers=teller)
    assert response.status_code == 403
