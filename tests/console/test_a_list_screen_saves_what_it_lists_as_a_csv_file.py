"""ctrl+s (导出 CSV) on a list or report screen saves what the API exports for it: the file
the API names, byte for byte (UTF-8 with its BOM), in the user's downloads folder, or in the
console's data folder where there is none; an earlier export is never overwritten, and a
notification says where the file is, in Chinese. Screens that list nothing to export show
no such key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from console.app import TouchstoneConsole
from console.screens.base import Page
from tests.console.support import saved, settle


def toasts(console: TouchstoneConsole) -> list[str]:
    return [n.message for n in console._notifications]


async def test_the_clients_list_is_saved_as_the_api_exports_it_with_its_filters_never_over_an_earlier_export(
    demo_console, home: Path
) -> None:
    downloads = home / "Downloads"
    downloads.mkdir()
    console = demo_console("clients")
    async with console.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        expected = (await console.api.download("/clients", format="csv", unit="HO")).content
        await pilot.press("ctrl+s")
        first = (await saved(downloads, 1))[0]
        await pilot.press("ctrl+s")
        files = await saved(downloads, 2)
        console.screen.query_one("#tier", Select).value = "gold"
        await settle(pilot)
        gold = (await console.api.download("/clients", format="csv", unit="HO", tier="gold")).content
        await pilot.press("ctrl+s")
        filtered = next(f for f in await saved(downloads, 3) if f not in files)

    assert first.read_bytes() == expected
    assert filtered.read_bytes() == gold != expected
    assert expected.startswith(b"\xef\xbb\xbf")
    assert first.name.startswith("clients-") and first.suffix == ".csv"
    second = next(f for f in files if f != first)
    assert second.name == f"{first.stem}-2.csv"
    assert f"已导出到 {first}" in toasts(console)


async def test_without_a_downloads_folder_the_export_goes_to_the_console_data_folder(demo_console, home: Path) -> None:
    console = demo_console("dashboard")
    async with console.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        files = await saved(home / ".local" / "share" / "touchstone" / "exports", 1)

    assert files[0].name.startswith("compliance-")
    assert "北京分行" in files[0].read_text(encoding="utf-8-sig")  # the units the dashboard lists
    assert not (home / "Downloads").exists()


async def test_the_export_key_shows_on_every_list_and_report_screen(demo_console) -> None:
    console = demo_console("clients")
    async with console.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = {}
        for mode in ("clients", "dashboard", "standards", "organisation"):
            await console.switch_mode(mode)
            await settle(pilot)
            assert isinstance(console.screen, Page)
            export = console.active_bindings.get("ctrl+s")
            shown[mode] = export.binding.description if export and export.node is console.screen else None

    assert shown == {
        "clients": "导出 CSV",
        "dashboard": "导出 CSV",
        "standards": "导出 CSV",
        "organisation": "导出 CSV",
    }
