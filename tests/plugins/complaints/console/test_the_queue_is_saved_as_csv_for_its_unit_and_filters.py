"""ctrl+s on the complaints queue saves what the queue shows, as the plugin's route exports
it: the orders of the unit the screen was opened at, under the filter chosen (overdue only
gives an empty list here), UTF-8 with the BOM Excel needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.complaints.screens import QueueScreen
from tests.console.support import saved, settle
from tests.plugins.complaints.console.conftest import open_queue_with_two_orders


@pytest.fixture
def downloads(home: Path) -> Path:
    (home / "Downloads").mkdir()
    return home / "Downloads"


async def test_the_queue_is_saved_with_its_unit_and_its_filter(console_for, downloads: Path) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 30)) as pilot:
        first, second = await open_queue_with_two_orders(console, pilot)
        assert isinstance(console.screen, QueueScreen)

        await pilot.press("ctrl+s")
        (everything,) = await saved(downloads, 1)
        await pilot.press("g")  # overdue only: nothing is overdue yet
        await settle(pilot)
        await pilot.press("ctrl+s")
        overdue = next(f for f in await saved(downloads, 2) if f != everything)

    listed = everything.read_bytes()
    assert listed.startswith(b"\xef\xbb\xbf")
    rows = listed.decode("utf-8-sig").splitlines()
    assert len(rows) == 3 and all(o.summary.id in listed.decode("utf-8-sig") for o in (first, second))
    assert len(overdue.read_bytes().decode("utf-8-sig").splitlines()) == 1  # the headings alone
