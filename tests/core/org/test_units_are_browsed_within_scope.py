"""The tree is browsed within the caller's subtree: one unit with its place in the tree, or
pages of units filtered by level, parent and subtree."""

from __future__ import annotations

from litestar.testing import AsyncTestClient


async def test_a_unit_shows_its_parent_path_and_number_of_children(client: AsyncTestClient, token_for) -> None:
    detail = (await client.get("/api/v1/units/SB1", headers=await token_for("teller", "SB1"))).json()
    assert detail == {
        "code": "SB1",
        "name": "朝阳支行",
        "level": "sub_branch",
        "parent": "BR1",
        "path": ["HO", "BR1", "SB1"],
        "children": 2,
    }


async def test_units_are_listed_within_the_callers_subtree_page_by_page(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("teller", "BR1")
    first = (await client.get("/api/v1/units", params={"limit": 4}, headers=headers)).json()
    second = (
        await client.get("/api/v1/units", params={"limit": 4, "cursor": first["next_cursor"]}, headers=headers)
    ).json()
    codes = [u["code"] for u in first["items"] + second["items"]]
    assert codes == ["BR1", "SB1", "OUT1", "OUT2", "SB2", "OUT3"] and second["next_cursor"] is None


async def test_units_are_filtered_by_level_parent_and_subtree(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("admin", "HO")

    async def codes(**params: str) -> list[str]:
        response = await client.get("/api/v1/units", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [u["code"] for u in response.json()["items"]]

    assert await codes(level="outlet") == ["OUT1", "OUT2", "OUT3", "OUT4"]
    assert await codes(parent="BR1") == ["SB1", "SB2"]
    assert await codes(within="SB1") == ["SB1", "OUT1", "OUT2"]
    assert await codes(within="BR2", level="outlet") == ["OUT4"]
    assert (await client.get("/api/v1/units", params={"level": "kiosk"}, headers=headers)).status_code in (400, 422)
