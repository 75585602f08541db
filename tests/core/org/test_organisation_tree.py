"""The organisation tree: levels nest strictly, Chinese names round-trip, moves keep history."""

from __future__ import annotations

from litestar.testing import AsyncTestClient


async def test_an_outlet_is_created_under_a_sub_branch_with_its_chinese_name(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    created = await client.post("/api/v1/units", json={"code": "OUT5", "name": "双井网点", "level": "outlet",
                                                       "parent": "SB1", "reason": "新设网点"}, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json() == {"code": "OUT5", "name": "双井网点", "level": "outlet", "parent": "SB1",
                              "path": ["HO", "BR1", "SB1", "OUT5"], "children": 0}
    assert (await client.get("/api/v1/units/SB1", headers=admin)).json()["children"] == 3


async def test_a_unit_at_the_wrong_level_or_with_a_used_code_is_refused(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    wrong = await client.post("/api/v1/units", json={"code": "X1", "name": "错", "level": "outlet", "parent": "BR1",
                                                     "reason": "x"}, headers=admin)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "parent"
    used = await client.post("/api/v1/units", json={"code": "OUT1", "name": "重", "level": "outlet", "parent": "SB1",
                                                    "reason": "x"}, headers=admin)
    assert used.status_code == 422 and used.json()["errors"][0]["field"] == "code"
    second_root = await client.post("/api/v1/units", json={"code": "HO2", "name": "总行二", "level": "head_office",
                                                           "reason": "x"}, headers=admin)
    assert second_root.status_code == 409


async def test_moving_a_sub_branch_moves_its_outlets_and_keeps_the_history(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    cm = await token_for("customer_manager", "OUT3")
    cid = (await client.post("/api/v1/clients", json={"kind": "retail", "name": "冯刚", "unit": "OUT3", "reason": "开户"},
                             headers=cm)).json()["id"]
    moved = await client.post("/api/v1/units/SB2/move", json={"parent": "BR2", "reason": "区域调整"}, headers=admin)
    assert moved.status_code == 200, moved.text
    assert (await client.get("/api/v1/units/OUT3", headers=admin)).json()["path"] == ["HO", "BR2", "SB2", "OUT3"]
    history = (await client.get("/api/v1/units/SB2/history", headers=admin)).json()["moves"]
    assert history[0]["from_path"] == ["HO", "BR1", "SB2"] and history[0]["to_path"] == ["HO", "BR2", "SB2"]
    assert history[0]["reason"] == "区域调整"
    assert (await client.get(f"/api/v1/clients/{cid}", headers=await token_for("sub_branch_head", "BR2"))).status_code == 200
    assert (await client.get(f"/api/v1/clients/{cid}", headers=await token_for("branch_service", "BR1"))).status_code == 404


async def test_a_unit_cannot_move_into_its_own_subtree(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    response = await client.post("/api/v1/units/SB1/move", json={"parent": "OUT1", "reason": "x"}, headers=admin)
    assert response.status_code == 422


async def test_units_are_listed_within_the_callers_subtree_page_by_page(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("teller", "BR1")
    first = (await client.get("/api/v1/units", params={"limit": 4}, headers=headers)).json()
    second = (await client.get("/api/v1/units", params={"limit": 4, "cursor": first["next_cursor"]}, headers=headers)).json()
    codes = [u["code"] for u in first["items"] + second["items"]]
    assert codes == ["BR1", "SB1", "OUT1", "OUT2", "SB2", "OUT3"] and second["next_cursor"] is None
    assert (await client.get("/api/v1/units/BR2", headers=headers)).status_code == 403
