"""Units are created one level below their parent (head office → branch → sub-branch →
outlet), with unique codes and one head office; Chinese names round-trip; renames are audited."""

from __future__ import annotations

from litestar.testing import AsyncTestClient


def unit(code: str, name: str, level: str, parent: str | None, reason: str = "新设") -> dict:
    return {"code": code, "name": name, "level": level, "parent": parent, "reason": reason}


async def test_an_outlet_is_created_under_a_sub_branch_with_its_chinese_name(
    client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    created = await client.post("/api/v1/units", json=unit("OUT5", "双井网点", "outlet", "SB1"), headers=admin)
    assert created.status_code == 201, created.text
    assert created.json() == {
        "code": "OUT5",
        "name": "双井网点",
        "level": "outlet",
        "parent": "SB1",
        "path": ["HO", "BR1", "SB1", "OUT5"],
        "children": 0,
    }
    assert (await client.get("/api/v1/units/OUT5", headers=admin)).json()["name"] == "双井网点"
    assert (await client.get("/api/v1/units/SB1", headers=admin)).json()["children"] == 3


async def test_each_level_nests_only_under_the_level_above(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    for code, level, parent in [
        ("X1", "outlet", "BR1"),
        ("X2", "sub_branch", "HO"),
        ("X3", "branch", "SB1"),
        ("X4", "outlet", "OUT1"),
        ("X5", "branch", None),
    ]:
        response = await client.post("/api/v1/units", json=unit(code, "错", level, parent), headers=admin)
        assert response.status_code == 422, (code, response.text)
        assert response.json()["errors"][0]["field"] == "parent"
    for code, level, parent in [("BR3", "branch", "HO"), ("SB4", "sub_branch", "BR3"), ("OUT6", "outlet", "SB4")]:
        assert (
            await client.post("/api/v1/units", json=unit(code, "新", level, parent), headers=admin)
        ).status_code == 201


async def test_a_used_code_an_unknown_level_and_a_second_head_office_are_refused(
    client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    used = await client.post("/api/v1/units", json=unit("OUT1", "重", "outlet", "SB1"), headers=admin)
    assert used.status_code == 422 and used.json()["errors"][0]["field"] == "code"
    level = await client.post("/api/v1/units", json=unit("X9", "错", "kiosk", "SB1"), headers=admin)
    assert level.status_code == 422 and "level" in level.text
    second_root = await client.post("/api/v1/units", json=unit("HO2", "总行二", "head_office", None), headers=admin)
    assert second_root.status_code == 409
    units = (await client.get("/api/v1/units", params={"limit": 100}, headers=admin)).json()["items"]
    assert len(units) == 10


async def test_a_rename_needs_a_reason_and_keeps_the_code(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    missing = await client.patch("/api/v1/units/OUT2", json={"name": "国贸财富中心", "reason": " "}, headers=admin)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "reason"
    renamed = await client.patch("/api/v1/units/OUT2", json={"name": "国贸财富中心", "reason": "更名"}, headers=admin)
    assert renamed.status_code == 200 and renamed.json()["name"] == "国贸财富中心"
    assert (await client.get("/api/v1/units/OUT2", headers=admin)).json()["code"] == "OUT2"
    audit = (
        await client.get("/api/v1/audit", params={"entity": "org_unit", "entity_id": "OUT2"}, headers=admin)
    ).json()
    assert [(e["action"], e["before"], e["after"], e["reason"]) for e in audit["items"]] == [
        ("rename", {"name": "国贸理财中心"}, {"name": "国贸财富中心"}, "更名")
    ]
