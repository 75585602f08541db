"""A screen opens with the focus where the work is, its main table or tree, so arrow keys
move its cursor and an action key acts on the highlighted row at once, without Tab first."""

from __future__ import annotations

from textual.widgets import DataTable, Tree

from console.screens.editor import EditorScreen
from tests.console.conftest import published_standard, settle


async def test_the_standards_screen_drafts_for_the_touchpoint_the_arrows_reached(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await published_standard(console.api)
        await pilot.press("s")
        await settle(pilot)
        touchpoints = console.screen.query_one("#touchpoints", DataTable)
        assert console.focused is touchpoints
        await pilot.press(*["down"] * touchpoints.get_row_index("counter_service"), "n")
        await settle(pilot)
        assert isinstance(console.screen, EditorScreen)
        assert (console.screen.version.touchpoint, console.screen.version.number) == ("counter_service", 2)


async def test_the_dashboard_drills_into_the_unit_the_arrows_reached(console_for) -> None:
    console = await console_for("admin", "BR1")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        units = console.screen.query_one("#units", DataTable)
        assert console.focused is units
        await pilot.press("down", "enter")
        await settle(pilot)
        assert console.unit is not None and console.unit.code == "SB1"


async def test_the_organisation_screen_opens_on_its_tree(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(console.focused, Tree)
