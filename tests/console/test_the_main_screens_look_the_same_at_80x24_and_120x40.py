"""Snapshots of the main screens on the demo network, in Chinese (the console's default
language, asked for explicitly so an environment's ``TOUCHSTONE_LANG`` cannot change them), at
the smallest terminal the console supports (80×24) and a roomy one (120×40): Chinese names and
headers must line up in their columns, footers must show the keys of the screen, nothing
essential may be cut and nothing may spill over.

The data is the seeded demo at a frozen time, with ids numbered in order; cursors do not
blink. After an intended change of look, review the report and accept it with
``pytest tests/console --snapshot-update``.
"""

from __future__ import annotations

from functools import partial

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from console.app import TouchstoneConsole
from core.i18n import language
from tests.console.support import Step, arrive, highlight, settle


async def as_opened(pilot: Pilot[object]) -> None:
    return None


async def organisation(pilot: Pilot[object]) -> None:
    console: TouchstoneConsole = pilot.app  # type: ignore[assignment]
    await console.api.switch_plugin("BJ", "acme_lounge", True, "北京分行开通贵宾厅")
    await console.choose("BJ-CY")


async def standards(pilot: Pilot[object]) -> None:
    highlight(pilot.app.screen.query_one("#touchpoints", DataTable), "counter_service")
    await settle(pilot)
    pilot.app.screen.query_one("#versions", DataTable).focus()


async def editor(pilot: Pilot[object]) -> None:
    await standards(pilot)
    await pilot.press("shift+tab", "n")
    await settle(pilot)
    pilot.app.screen.query_one(TabbedContent).active = "controls"


async def client_view(pilot: Pilot[object]) -> None:
    highlight(pilot.app.screen.query_one("#clients", DataTable), "cl_00000000000000000002")
    await pilot.press("enter")


async def help_screen(pilot: Pilot[object]) -> None:
    await pilot.press("question_mark")


async def standards_help(pilot: Pilot[object]) -> None:
    await standards(pilot)
    await pilot.press("f1")


# name: (the screen the console opens on, the steps from there)
SCREENS: dict[str, tuple[str, Step]] = {
    "dashboard": ("dashboard", as_opened),
    "organisation": ("organisation", organisation),
    "standards": ("standards", standards),
    "editor": ("standards", editor),
    "clients": ("clients", as_opened),
    "client_view": ("clients", client_view),
    "help": ("dashboard", help_screen),
    "standards_help": ("standards", standards_help),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_screen_looks_as_accepted(screen: str, size: tuple[int, int], demo_console, snap_compare) -> None:
    start, steps = SCREENS[screen]
    with language("zh_CN"):
        assert snap_compare(demo_console(start), terminal_size=size, run_before=partial(arrive, steps))
