"""Snapshots, in Chinese, of the perk catalogue and the entitlements editor on the perks demo at a frozen
time, at the smallest terminal the console supports (80×24) and a roomy one (120×40):
Chinese names line up in their columns, the footer shows the screen's keys, the line under
each table says what the highlighted row or cell means.

After an intended change of look, review the report and accept it with
``pytest tests/plugins/vip_benefits/console --snapshot-update``.
"""

from __future__ import annotations

from functools import partial

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.plugins.vip_benefits.console.conftest import open_screen, settle


async def catalogue(pilot: Pilot[object]) -> None:
    await open_screen(pilot, "SH-PD", "catalogue")


async def entitlements(pilot: Pilot[object]) -> None:
    await open_screen(pilot, "SH-PD", "entitlements")
    grid = pilot.app.screen.query_one("#grid", DataTable)
    grid.move_cursor(row=grid.get_row_index("airport_lounge"), column=grid.get_column_index("gold"))
    await settle(pilot)


SCREENS = {"catalogue": catalogue, "entitlements": entitlements}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_screen_looks_as_accepted(screen: str, size: tuple[int, int], perks_console, snap_compare) -> None:
    assert snap_compare(perks_console(), terminal_size=size, run_before=partial(arrive, SCREENS[screen]))


async def arrive(go, pilot: Pilot[object]) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await go(pilot)
