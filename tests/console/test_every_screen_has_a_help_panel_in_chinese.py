"""F1 (or ?) on any of the console's screens opens its help panel: what the screen is for and
how to work it, the keys that work everywhere, and a table of every key the screen answers
to now, all in Chinese; F1 again (or escape) closes it."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from console.screens.help import HelpScreen
from tests.console.conftest import settle


@pytest.mark.parametrize(
    ("key", "screen", "says"),
    [
        ("d", "看板", "下钻"),
        ("o", "组织架构", "继承上级"),
        ("s", "服务标准", "新建草稿"),
    ],
)
async def test_the_help_panel_explains_the_screen_in_front(console_for, key: str, screen: str, says: str) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(console.screen, HelpScreen)
        assert console.screen.heading == f"帮助：{screen}"
        notes = [str(s.render()) for s in console.screen.query(Static).filter(".dialog-note")]
        assert says in notes[0] and "在任何页面" in notes[-1]
        keys = console.screen.query_one(DataTable)
        assert [str(c.label) for c in keys.columns.values()] == ["按键", "作用"]
        assert "帮助" in {str(keys.get_row_at(i)[1]) for i in range(keys.row_count)}
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(console.screen, HelpScreen)
