"""Roles come from the role table; only an admin grants admin or touches an admin; a staff
member's phone is personal data, masked for roles that do not need it; scope is enforced."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

NEW = {
    "employee_no": "E1001",
    "name": "欧阳娜娜",
    "unit": "OUT1",
    "roles": ["lobby_manager"],
    "reason": "入职",
    "phone": "13500001111",
}


async def test_unknown_or_missing_roles_are_refused_naming_roles(client: AsyncTestClient, token_for) -> None:
    head = await token_for("sub_branch_head", "SB1")
    for roles in (["janitor"], ["teller", "boss"], []):
        response = await client.post("/api/v1/staff", json={**NEW, "roles": roles}, headers=head)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "roles"


async def test_only_an_admin_grants_admin_or_changes_an_admin(client: AsyncTestClient, token_for) -> None:
    head, admin = await token_for("sub_branch_head", "SB1"), await token_for("admin", "HO")
    assert (await client.post("/api/v1/staff", json={**NEW, "roles": ["admin"]}, headers=head)).status_code == 403
    sid = (await client.post("/api/v1/staff", json=NEW, headers=head)).json()["id"]
    raise_up = await client.patch(f"/api/v1/staff/{sid}", json={"reason": "x", "roles": ["admin"]}, headers=head)
    assert raise_up.status_code == 403
    granted = await client.patch(
        f"/api/v1/staff/{sid}", json={"reason": "兼任管理员", "roles": ["admin", "teller"]}, headers=admin
    )
    assert granted.status_code == 200 and granted.json()["roles"] == ["admin", "teller"]
    disarm = await client.patch(f"/api/v1/staff/{sid}", json={"reason": "x", "active": False}, headers=head)
    assert disarm.status_code == 403


async def test_a_staff_phone_is_masked_for_roles_without_personal_data(client: AsyncTestClient, token_for) -> None:
    head = await token_for("sub_branch_head", "SB1")
    sid = (await client.post("/api/v1/staff", json=NEW, headers=head)).json()["id"]
    assert (await client.get(f"/api/v1/staff/{sid}", headers=head)).json()["phone"] == "13500001111"
    teller = await token_for("teller", "OUT1")
    assert (await client.get(f"/api/v1/staff/{sid}", headers=teller)).json()["phone"] == "135****1111"
    listed = (await client.get("/api/v1/staff", params={"q": "E1001"}, headers=teller)).json()["items"]
    assert [s["phone"] for s in listed] == ["135****1111"]
    bad = await client.post("/api/v1/staff", json={**NEW, "employee_no": "E2", "phone": "call me"}, headers=head)
    assert bad.status_code in (400, 422) and "phone" in bad.text


async def test_staff_of_another_subtree_are_invisible_and_unchangeable(client: AsyncTestClient, token_for) -> None:
    created = (await client.post("/api/v1/staff", json=NEW, headers=await token_for("admin", "HO"))).json()
    other = await token_for("sub_branch_head", "SB3")
    assert (await client.get(f"/api/v1/staff/{created['id']}", headers=other)).status_code == 404
    patched = await client.patch(f"/api/v1/staff/{created['id']}", json={"reason": "x", "name": "y"}, headers=other)
    assert patched.status_code == 404
    assert (await client.post("/api/v1/staff", json={**NEW, "employee_no": "E2"}, headers=other)).status_code == 403
    assert (await client.get("/api/v1/staff", params={"unit": "OUT1"}, headers=other)).status_code == 403


async def test_roles_without_staff_write_cannot_add_or_change_staff(client: AsyncTestClient, token_for) -> None:
    sid = (await client.post("/api/v1/staff", json=NEW, headers=await token_for("admin", "HO"))).json()["id"]
    for role in ("teller", "customer_manager", "outlet_head", "compliance"):
        headers = await token_for(role, "OUT1")
        assert (
            await client.post("/api/v1/staff", json={**NEW, "employee_no": role}, headers=headers)
        ).status_code == 403
        assert (
            await client.patch(f"/api/v1/staff/{sid}", json={"reason": "x", "name": "y"}, headers=headers)
        ).status_code == 403
        assert (await client.get(f"/api/v1/staff/{sid}", headers=headers)).status_code == 200
