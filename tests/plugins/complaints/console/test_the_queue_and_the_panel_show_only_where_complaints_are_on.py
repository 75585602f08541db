"""The complaints queue and dashboard panel follow enablement: on for the network but switched
off at one sub-branch, they are gone there and still offered at its sister sub-branch, whose
panel counts its open orders, those past a deadline and those escalated."""

from __future__ import annotations

import datetime as dt

from plugins.complaints.screens import BreachPanel, QueueScreen
from tests.console.support import settle
from tests.plugins.complaints.console.conftest import act, file


async def test_the_screen_and_panel_vanish_where_the_plugin_is_off(console_for, clock, sweep) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await console.api.switch_plugin("HO", "complaints", True, "全行投诉管理上线")
        first, _ = [(await file(console.api, "OUT3")).summary.id for _ in range(2)]
        await act(console.api, "OUT3", first, "acknowledge")
        clock.set(dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC))
        await sweep()
        await console.api.switch_plugin("SB1", "complaints", False, "朝阳支行暂缓上线")

        await console.choose("SB1")
        await settle(pilot)
        assert "complaints" not in console.enabled_here and console.plugin_screens() == []
        assert len(console.screen.query(BreachPanel)) == 0
        await pilot.press("p")
        await settle(pilot)
        assert "朝阳支行 SB1 没有开启带页面的插件" in [n.message for n in console._notifications]

        await console.choose("SB2")
        await settle(pilot)
        (panel,) = console.screen.query(BreachPanel)
        lines = [[str(cell) for cell in row] for row in zip(*(c._cells for c in panel.content.columns), strict=False)]
        assert lines == [["in breach of a deadline", "1 of 2 open orders"], ["escalated · due within 24 h", "1 · 0"]]
        assert panel.border_title == "投诉时限"
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(console.screen, QueueScreen) and console.screen.unit == "SB2"
