"""Asked for English, the catalogue says its title, columns and keys in English: the same
screen built in a Chinese console says them in Chinese (each screen speaks when it is built)."""

from __future__ import annotations

from textual.widgets import DataTable

from core.sdk import language
from tests.plugins.vip_benefits.console.conftest import open_screen


async def test_the_catalogue_reads_in_english_in_an_english_console(perks_console) -> None:
    with language("en"):
        console = perks_console()
        async with console.run_test(size=(100, 30)) as pilot:
            await open_screen(pilot, "SH-PD", "catalogue")
            screen = console.screen
            keys = {b.binding.key: b.binding.description for b in screen.active_bindings.values()}
            columns = [str(c.label) for c in screen.query_one("#perks", DataTable).columns.values()]
            assert (screen.title, keys["a"], keys["w"], columns[:2]) == (
                "Perk catalogue",
                "Add",
                "Retire",
                ["Code", "Name"],
            )
