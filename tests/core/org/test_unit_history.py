"""A unit's history: its moves (from the move table) and the other changes to it (creation,
renames, plugin switches) from the audit log, oldest first, page by page."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from core.clock import FrozenClock


async def test_the_history_shows_moves_and_changes_in_order_page_by_page(
    recording_client: AsyncTestClient, token_for, clock: FrozenClock
) -> None:
    client = recording_client
    admin = await token_for("admin", "HO")
    await client.post(
        "/api/v1/units",
        json={"code": "SB9", "name": "通州支行", "level": "sub_branch", "parent": "BR1", "reason": "新设"},
        headers=admin,
    )
    clock.advance(minutes=1)
    await client.patch("/api/v1/units/SB9", json={"name": "通州副中心支行", "reason": "更名"}, headers=admin)
    clock.advance(minutes=1)
    await client.post("/api/v1/units/SB9/move", json={"parent": "BR2", "reason": "划转"}, headers=admin)
    clock.advance(minutes=1)
    await client.post("/api/v1/units/SB9/move", json={"parent": "BR1", "reason": "划回"}, headers=admin)
    clock.advance(minutes=1)
    await client.put("/api/v1/units/SB9/plugins/recorder", json={"enabled": True, "reason": "试点"}, headers=admin)
    items, cursor = [], None
    reader = await token_for("teller", "BR1")
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/api/v1/units/SB9/history", params=params, headers=reader)).json()
        items += page["items"]
        if not (cursor := page["next_cursor"]):
            break
    assert [(i["kind"], i["action"], i["reason"]) for i in items] == [
        ("change", "create", "新设"),
        ("change", "rename", "更名"),
        ("move", "move", "划转"),
        ("move", "move", "划回"),
        ("change", "set", "试点"),
    ]
    assert items[2]["from_path"] == ["HO", "BR1", "SB9"] and items[2]["to_path"] == ["HO", "BR2", "SB9"]
    assert items[1]["before"] == {"name": "通州支行"} and items[4]["entity"] == "plugin_enablement"
    assert all(i["actor"].startswith("staff:st_") for i in items)
