"""ctrl+p finds every screen and the actions of the screen in front by part of their name;
a plugin's screen is among them only where the plugin is on."""

from __future__ import annotations

from console.commands import ConsoleCommands
from console.screens.standards import StandardsScreen
from tests.console.conftest import paste, settle


async def names(console) -> list[str]:  # type: ignore[no-untyped-def]
    return [name for name, _, _ in ConsoleCommands(console.screen).entries()]


async def test_the_palette_opens_a_screen_by_name(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await paste(pilot, "触点标准")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(console.screen, StandardsScreen)
        assert {"新建草稿", "导入 TOML", "帮助", "退出"} <= set(await names(console))


async def test_a_plugin_screen_is_offered_only_where_the_plugin_is_on(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "贵宾厅到访 (acme_lounge)" not in await names(console)
        await console.api.switch_plugin("SB1", "acme_lounge", True, "试点")
        await console.choose("OUT1")
        await settle(pilot)
        assert "贵宾厅到访 (acme_lounge)" in await names(console)
        await console.choose("OUT3")
        await settle(pilot)
        assert "贵宾厅到访 (acme_lounge)" not in await names(console)
