"""Staff with roles: added and changed by managers within their scope; admin only by admins."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

NEW = {"employee_no": "E1001", "name": "欧阳娜娜", "unit": "OUT1", "roles": ["lobby_manager"], "reason": "入职",
       "phone": "13500001111"}


async def test_a_member_of_staff_is_added_and_found_by_role(client: AsyncTestClient, token_for) -> None:
    head = await token_for("sub_branch_head", "SB1")
    created = await client.post("/api/v1/staff", json=NEW, headers=head)
    assert created.status_code == 201, created.text
    found = (await client.get("/api/v1/staff", params={"role": "lobby_manager"}, headers=head)).json()["items"]
    assert [s["name"] for s in found] == ["欧阳娜娜"]
    assert found[0]["phone"] == "13500001111"
    masked = (await client.get(f"/api/v1/staff/{found[0]['id']}", headers=await token_for("teller", "OUT1"))).json()
    assert masked["phone"] == "135****1111"


async def test_unknown_roles_and_granting_admin_are_refused(client: AsyncTestClient, token_for) -> None:
    head = await token_for("sub_branch_head", "SB1")
    unknown = await client.post("/api/v1/staff", json={**NEW, "roles": ["janitor"]}, headers=head)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "roles"
    admin_grant = await client.post("/api/v1/staff", json={**NEW, "roles": ["admin"]}, headers=head)
    assert admin_grant.status_code == 403


async def test_staff_of_another_subtree_are_invisible_and_unchangeable(client: AsyncTestClient, token_for) -> None:
    created = (await client.post("/api/v1/staff", json=NEW, headers=await token_for("admin", "HO"))).json()
    other = await token_for("sub_branch_head", "SB3")
    assert (await client.get(f"/api/v1/staff/{created['id']}", headers=other)).status_code == 404
    assert (await client.patch(f"/api/v1/staff/{created['id']}", json={"reason": "x", "name": "y"}, headers=other)).status_code == 404
    assert (await client.post("/api/v1/staff", json={**NEW, "employee_no": "E2"}, headers=other)).status_code == 403
