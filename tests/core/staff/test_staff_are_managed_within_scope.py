"""Staff are added, found and changed by managers within their subtree, with reasons."""

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


async def test_a_member_of_staff_is_added_with_a_chinese_name_and_read_back(client: AsyncTestClient, token_for) -> None:
    head = await token_for("sub_branch_head", "SB1")
    created = await client.post("/api/v1/staff", json=NEW, headers=head)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("st_") and body["active"] is True
    assert (body["name"], body["unit"], body["roles"]) == (
        "欧阳娜娜",
        {"code": "OUT1", "name": "望京网点", "level": "outlet"},
        ["lobby_manager"],
    )
    assert (await client.get(f"/api/v1/staff/{body['id']}", headers=head)).json() == body
    entry = (
        await client.get(
            "/api/v1/audit",
            params={"entity": "staff", "entity_id": body["id"]},
            headers=await token_for("compliance", "HO"),
        )
    ).json()["items"][0]
    assert (entry["action"], entry["reason"], entry["unit"]) == ("create", "入职", "OUT1")


async def test_a_used_employee_number_or_a_change_without_reason_is_refused(client: AsyncTestClient, token_for) -> None:
    head = await token_for("sub_branch_head", "SB1")
    sid = (await client.post("/api/v1/staff", json=NEW, headers=head)).json()["id"]
    again = await client.post("/api/v1/staff", json={**NEW, "name": "别人"}, headers=head)
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "employee_no"
    silent = await client.patch(f"/api/v1/staff/{sid}", json={"reason": "", "name": "欧阳"}, headers=head)
    assert silent.status_code == 422 and silent.json()["errors"][0]["field"] == "reason"
    assert (await client.get(f"/api/v1/staff/{sid}", headers=head)).json()["name"] == "欧阳娜娜"


async def test_staff_are_changed_and_moved_to_another_unit_in_scope(client: AsyncTestClient, token_for) -> None:
    head = await token_for("sub_branch_head", "SB1")
    sid = (await client.post("/api/v1/staff", json=NEW, headers=head)).json()["id"]
    changed = await client.patch(
        f"/api/v1/staff/{sid}",
        json={"reason": "调岗", "unit": "OUT2", "name": "欧阳娜", "roles": ["customer_manager", "lobby_manager"]},
        headers=head,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["unit"]["code"] == "OUT2" and changed.json()["roles"] == ["customer_manager", "lobby_manager"]
    entry = (
        await client.get(
            "/api/v1/audit",
            params={"entity": "staff", "entity_id": sid, "limit": 5},
            headers=await token_for("compliance", "HO"),
        )
    ).json()["items"][-1]
    assert entry["before"] == {"name": "欧阳娜娜", "roles": ["lobby_manager"], "unit": "OUT1"}
    assert entry["after"] == {"name": "欧阳娜", "roles": ["customer_manager", "lobby_manager"], "unit": "OUT2"}
    away = await client.patch(f"/api/v1/staff/{sid}", json={"reason": "调岗", "unit": "OUT3"}, headers=head)
    assert away.status_code == 403 and away.json()["type"].endswith("/out-of-scope")
    left = await client.patch(f"/api/v1/staff/{sid}", json={"reason": "离职", "active": False}, headers=head)
    assert left.json()["active"] is False


async def test_staff_are_listed_by_unit_subtree_role_activity_and_name(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    people = [
        ("E1", "王芳", "OUT1", ["teller"]),
        ("E2", "李娜", "OUT2", ["customer_manager"]),
        ("E3", "王伟", "OUT3", ["teller", "lobby_manager"]),
        ("E4", "张敏", "OUT4", ["teller"]),
    ]
    ids = {}
    for number, name, unit, roles in people:
        body = {"employee_no": number, "name": name, "unit": unit, "roles": roles, "reason": "入职"}
        ids[number] = (await client.post("/api/v1/staff", json=body, headers=admin)).json()["id"]
    await client.patch(f"/api/v1/staff/{ids['E4']}", json={"reason": "离职", "active": False}, headers=admin)

    async def numbers(headers: dict[str, str] = admin, **params: str) -> list[str]:
        response = await client.get("/api/v1/staff", params={"limit": 100, **params}, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(s["employee_no"] for s in response.json()["items"] if s["employee_no"] in ids)

    assert await numbers(unit="SB1") == ["E1", "E2"]
    assert await numbers(role="teller") == ["E1", "E3", "E4"]
    assert await numbers(role="teller", active="false") == ["E4"]
    assert await numbers(q="王") == ["E1", "E3"]
    assert await numbers(q="E2") == ["E2"]
    assert await numbers(await token_for("teller", "BR1")) == ["E1", "E2", "E3"]
    unknown = await client.get("/api/v1/staff", params={"role": "janitor"}, headers=admin)
    assert unknown.status_code == 400 and unknown.json()["parameter"] == "role"


async def test_staff_are_listed_page_by_page(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    for n in range(5):
        body = {"employee_no": f"P{n}", "name": f"员工{n}", "unit": "OUT4", "roles": ["teller"], "reason": "入职"}
        await client.post("/api/v1/staff", json=body, headers=admin)
    seen, cursor = [], None
    while True:
        params = {"unit": "OUT4", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/api/v1/staff", params=params, headers=admin)).json()
        assert len(page["items"]) <= 2
        seen += [s["employee_no"] for s in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == [f"P{n}" for n in range(5)]
