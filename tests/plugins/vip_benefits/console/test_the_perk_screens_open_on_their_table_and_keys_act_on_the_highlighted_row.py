"""Each perk screen opens with the focus where the work is: the catalogue and the
entitlements editor on their table, so a key pressed at once (no Tab first) acts on the row
or cell the cursor is on."""

from __future__ import annotations

from textual.widgets import DataTable

from console.screens.modals import FormModal
from console.sdk import word
from plugins.vip_benefits.screens import CatalogueScreen, EntitlementsScreen
from tests.plugins.vip_benefits.console.conftest import field, open_screen, settle


async def test_e_in_the_catalogue_changes_the_highlighted_perk(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot, "SH-PD", "catalogue")
        screen = console.screen
        assert isinstance(screen, CatalogueScreen)
        perks = screen.query_one("#perks", DataTable)
        assert console.focused is perks
        await pilot.press("down")
        second = str(perks.coordinate_to_cell_key(perks.cursor_coordinate).row_key.value)
        await pilot.press("e")
        await settle(pilot)
        form = console.screen
        assert isinstance(form, FormModal) and second in form.heading
        assert field(form, "name").value == screen.perks[second].name


async def test_e_in_the_entitlements_editor_edits_the_highlighted_cell(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot, "SH-PD", "entitlements")
        screen = console.screen
        assert isinstance(screen, EntitlementsScreen)
        grid = screen.query_one("#grid", DataTable)
        assert console.focused is grid
        await pilot.press("down", "right")
        perk, tier = screen.current() or ("", "")
        await pilot.press("e")
        await settle(pilot)
        form = console.screen
        assert isinstance(form, FormModal)
        assert screen.rows[perk].name in form.heading and word(tier) in form.heading
