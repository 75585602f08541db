"""``n`` on a touchpoint starts a draft from the version in pilot when there is one, else
from the version in force, else from the latest version; never from v1 because it is first."""

from __future__ import annotations

from textual.widgets import DataTable

from console.content import to_content
from console.screens.editor import EditorScreen
from tests.console.conftest import highlight, published_standard, settle
from tests.console.support import COUNTER


async def draft_from_keys(console, pilot) -> EditorScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await settle(pilot)
    highlight(console.screen.query_one("#touchpoints", DataTable), "counter_service")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    editor = console.screen
    assert isinstance(editor, EditorScreen)
    return editor


async def titled(console, title: str) -> str:  # type: ignore[no-untyped-def]
    """A new draft of counter_service titled ``title`` (its id)."""
    return (await console.api.create_draft("counter_service", to_content(COUNTER | {"title": title}))).id


async def test_the_version_in_pilot_is_copied_before_the_one_in_force(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await published_standard(console.api)
        await console.api.start_pilot(await titled(console, "试点中的柜面标准"), ["SB1"], "试点")
        await titled(console, "后来的草稿")
        editor = await draft_from_keys(console, pilot)
        assert (editor.version.number, editor.version.content.title) == (4, "试点中的柜面标准")


async def test_the_version_in_force_is_copied_when_none_is_in_pilot(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        v1 = await published_standard(console.api)
        v2 = await titled(console, "新版柜面标准")
        await console.api.publish(v2, "新版")
        await titled(console, "后来的草稿")
        editor = await draft_from_keys(console, pilot)
        assert (await console.api.version(v1.id)).status == "retired"
        assert (editor.version.number, editor.version.content.title) == (4, "新版柜面标准")


async def test_the_latest_version_is_copied_when_none_is_in_force(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        v1 = await published_standard(console.api)
        await console.api.retire(v1.id, "停用")
        await titled(console, "停用后的草稿")
        editor = await draft_from_keys(console, pilot)
        assert (editor.version.number, editor.version.content.title) == (3, "停用后的草稿")
