"""Snapshots, in Chinese, of the complaints queue and of an escalated order on the demo, at the smallest
terminal the console supports (80×24) and a roomy one (120×40): Chinese categories line up
in their column, countdowns are coloured by urgency, the footer shows the keys that apply.

The demo is seeded and loaded at a frozen time with ids numbered in order. After an intended
change of look, review the report and accept it with ``pytest tests/plugins/complaints/console
--snapshot-update``.
"""

from __future__ import annotations

from functools import partial

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from console.app import TouchstoneConsole
from tests.console.support import Step, arrive, highlight, settle

UNIT = "BJ-HD"


async def queue(pilot: Pilot[object]) -> None:
    console: TouchstoneConsole = pilot.app  # type: ignore[assignment]
    await console.choose(UNIT)
    await settle(pilot)
    console.open_plugin_screen(console.plugin_screens()[0])


async def escalated_order(pilot: Pilot[object]) -> None:
    await queue(pilot)
    await settle(pilot)
    table = pilot.app.screen.query_one("#orders", DataTable)
    escalated = next(str(key.value) for key in table.rows if "↑" in str(table.get_row(key)[5]))
    highlight(table, escalated)
    await pilot.press("enter")


SCREENS: dict[str, Step] = {"queue": queue, "order": escalated_order}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_screen_looks_as_accepted(screen: str, size: tuple[int, int], demo_console, snap_compare) -> None:
    assert snap_compare(demo_console(), terminal_size=size, run_before=partial(arrive, SCREENS[screen]))
