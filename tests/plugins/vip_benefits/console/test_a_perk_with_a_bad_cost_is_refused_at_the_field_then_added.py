"""Adding a perk in the catalogue: a cost with three decimals is refused at its field as it
is typed and the form will not send it; once fixed, the API's own verdict (the code is
already in the catalogue) appears at the code's field; once that is fixed too, the perk is
added and listed."""

from __future__ import annotations

from textual.widgets import DataTable

from console.screens.modals import FormModal
from plugins.vip_benefits.screens import CatalogueScreen
from tests.plugins.vip_benefits.console.conftest import (
    field,
    message,
    open_screen,
    settle,
    type_into,
)


async def test_a_bad_cost_then_a_taken_code_are_shown_at_their_fields_until_the_perk_is_added(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 32)) as pilot:
        await open_screen(pilot, "BJ-CY", "catalogue")
        await pilot.press("a")
        await settle(pilot)
        form = console.screen
        assert isinstance(form, FormModal) and form.heading == "新增礼遇"

        await type_into(pilot, form, "code", "airport_lounge")
        await type_into(pilot, form, "name", "机场接送")
        await type_into(pilot, form, "unit_cost", "120.005")
        assert message(form, "unit_cost") == "最多两位小数（精确到分）"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert console.screen is form and console.focused is field(form, "unit_cost").input

        await type_into(pilot, form, "unit_cost", "120.50")
        assert message(form, "unit_cost") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert console.screen is form
        assert message(form, "code") == "“airport_lounge”已在礼遇目录中"

        await type_into(pilot, form, "code", "airport_transfer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(console.screen, CatalogueScreen)
        perks = console.screen.query_one("#perks", DataTable)
        row = [str(c) for c in perks.get_row("airport_transfer")]
        assert row[:6] == ["airport_transfer", "机场接送", "本行", "电子券", "¥120.50", "24 小时"]
