"""Clients: a search by part of a name finds the client in the unit's subtree; Enter opens the
360° view with the profile, the manager and every change with its reason."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from console.screens.client_view import ClientViewScreen
from core.api.schemas.clients import ClientOut
from tests.console.conftest import paste, settle


async def test_a_client_is_found_by_name_and_shown_with_reasons(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        body = {
            "kind": "retail",
            "name": "王小明",
            "unit": "OUT1",
            "reason": "开户",
            "state": "active",
            "assets_under_management": "650000",
        }
        created = await console.api.post("/clients", ClientOut, body)
        await console.api.post("/clients", ClientOut, body | {"name": "李雷", "unit": "OUT3"})
        await console.api.patch(f"/clients/{created.id}", ClientOut, {"name": "王大明", "reason": "客户更名"})
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("slash")
        await paste(pilot, "大明")
        await pilot.press("enter")
        await settle(pilot)
        found = console.screen.query_one("#clients", DataTable)
        assert found.row_count == 1 and found.get_row_at(0)[:4] == ["王大明", "金卡", "正常", "OUT1"]
        await pilot.press("enter")
        await settle(pilot)
        view = console.screen
        assert isinstance(view, ClientViewScreen)
        assert view.sub_title == f"王大明 {created.id}" and view.query_one("#profile", Static).border_title == "王大明"
        history = view.query_one("#history", DataTable)
        assert [history.get_row_at(i)[2:4] for i in range(history.row_count)] == [
            ["开户建档", "开户"],
            ["信息修改", "客户更名"],
        ]
        await pilot.press("escape")
        assert console.screen.query_one("#clients", DataTable).row_count == 1
