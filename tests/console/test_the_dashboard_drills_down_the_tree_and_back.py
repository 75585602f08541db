"""The dashboard lists the unit worked on and the units right under it, with their figures;
Enter on a unit drills into it (every screen follows), backspace climbs back, but never above
the unit the token belongs to."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.console.conftest import highlight, settle


def rows(table: DataTable[str]) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_enter_drills_in_and_backspace_climbs_back(console_for) -> None:
    console = await console_for("sub_branch_head", "BR1")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        table = console.screen.query_one("#units", DataTable)
        assert rows(table) == ["北京分行 BR1", "├ 朝阳支行 SB1", "└ 海淀支行 SB2"]
        highlight(table, "SB1")
        await pilot.press("enter")
        await settle(pilot)
        assert console.unit is not None and console.unit.code == "SB1"
        assert rows(table) == ["朝阳支行 SB1", "├ 望京网点 OUT1", "└ 国贸理财中心 OUT2"]
        await pilot.press("backspace")
        await settle(pilot)
        assert rows(table)[0] == "北京分行 BR1"
        await pilot.press("backspace")
        await settle(pilot)
        assert console.unit.code == "BR1"
