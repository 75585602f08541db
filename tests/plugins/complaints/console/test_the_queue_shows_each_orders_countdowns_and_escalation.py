"""The queue, opened from the plugin screens at a sub-branch: each order's time left to the
first contact and to the decision, coloured by urgency, the unit handling it with its
escalation level; the filters' keys in the footer narrow it by state, category and overdue."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from console.screens.pickers import ChoiceModal
from plugins.complaints.screens import QueueScreen
from tests.console.support import settle
from tests.plugins.complaints.console.conftest import act, file


def cells(table: DataTable[object], key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


async def test_the_queue_shows_countdowns_escalation_and_filters(console_for, clock, sweep) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await console.api.switch_plugin("HO", "complaints", True, "全行投诉管理上线")
        a = (await file(console.api, "OUT1")).summary.id
        b = (await file(console.api, "OUT2", category="fees")).summary.id
        c = (await file(console.api, "OUT3")).summary.id
        clock.set(dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC))  # the first contacts were due at midnight; the
        # decisions by the end of Monday 7 December (15 days end on Saturday 5th, a rest day)
        await sweep()
        await act(console.api, "OUT3", c, "acknowledge")
        await console.choose("SB1")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(console.screen, ChoiceModal)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(console.screen, QueueScreen) and console.screen.unit == "SB1"
        table = console.screen.query_one("#orders", DataTable)
        assert [str(k.value) for k in table.rows] == [a, b]
        assert cells(table, a)[1:] == ["OUT1", "中", "超时9小时", "13天15小时", "SB1 ↑1", "已登记", "等候时间"]
        assert table.get_row(a)[3].style == "bold red" and table.get_row(a)[4].style == "green"
        assert table.get_row(a)[5].style == "dark_orange"
        keys = {b.binding.key for b in console.screen.active_bindings.values() if b.binding.show}
        assert {"t", "k", "g", "a", "r"} <= keys

        await pilot.press("k")
        await settle(pilot)
        assert isinstance(console.screen, ChoiceModal)
        await pilot.press("down", "down", "down", "enter")  # any category, service attitude, waiting time, fees
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == [b]
        assert "收费争议" in str(table.border_title)

        await pilot.press("k")
        await settle(pilot)
        await pilot.press("enter")  # any category
        await act(console.api, "OUT1", a, "acknowledge")  # the first contact, late
        await pilot.press("g")
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == [b] and "只看超时" in str(table.border_title)
        await pilot.press("g", "t")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # any state, received, acknowledged
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == [a]
        assert cells(table, a)[3:7] == ["✓", "13天15小时", "SB1 ↑1", "已受理"]
