"""What the API refuses is shown as its problem document says, and the console carries on:
a pilot at a unit that does not exist keeps its dialog open with the API's message until it
is corrected; a role without the permission is told so; a server that does not answer gets
a screen saying why instead of a crash."""

from __future__ import annotations

from textual.widgets import DataTable

from console.app import TouchstoneConsole
from console.connection import Connection
from console.screens.modals import FormModal
from console.screens.pickers import FailureScreen
from console.screens.standards import StandardsScreen
from tests.console.conftest import highlight, paste, published_standard, settle


def messages(console: TouchstoneConsole) -> list[str]:
    return [n.message for n in console._notifications]


async def test_a_refused_pilot_keeps_its_dialog_open_with_the_apis_message(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        published = await published_standard(console.api)
        draft = await console.api.create_draft("counter_service")
        await pilot.press("s")
        await settle(pilot)
        highlight(console.screen.query_one("#touchpoints", DataTable), "counter_service")
        await settle(pilot)
        await pilot.click("#versions")
        await settle(pilot)
        assert console.screen.version.id == draft.id  # type: ignore[attr-defined]
        await pilot.press("l")
        await paste(pilot, "SB1, NOWHERE")
        await pilot.press("tab")
        await paste(pilot, "试点")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(console.screen, FormModal)
        assert "未找到机构“NOWHERE”" in messages(console)
        assert (await console.api.version(draft.id)).status == "draft"

        await pilot.press("shift+tab", "end", *["backspace"] * len("NOWHERE"), "ctrl+s")
        await settle(pilot)
        assert isinstance(console.screen, StandardsScreen)
        assert (await console.api.version(draft.id)).pilot_units == ["SB1"]
        assert (await console.api.version(published.id)).status == "published"


async def test_a_role_without_the_permission_is_told_and_can_go_on(console_for) -> None:
    console = await console_for("teller", "OUT1")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.click("#plugins")
        await pilot.press("down", "plus")
        await paste(pilot, "想开通")
        await pilot.press("enter")
        await settle(pilot)
        assert "角色 teller 无权执行 plugins.manage" in messages(console)
        assert isinstance(console.screen, FormModal)
        await pilot.press("escape", "s")
        await settle(pilot)
        assert isinstance(console.screen, StandardsScreen)
        assert console.screen.query_one("#touchpoints", DataTable).row_count >= 1  # the plugins' touchpoints


async def test_a_server_that_does_not_answer_gets_a_screen_saying_so(extensions, clock) -> None:
    console = TouchstoneConsole(
        Connection(label="nowhere", base_url="http://127.0.0.1:9", token="ts_x"), extensions=extensions, clock=clock
    )
    async with console.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(console.screen, FailureScreen)
        assert "无法连接" in console.screen.error.message
        await pilot.press("q")
