"""ctrl+s on the complaints queue saves what the queue shows, as the plugin's route exports
it: the orders of the unit the screen was opened at, under the filter chosen (overdue only
gives an empty list here), UTF-8 with the BOM Excel needs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from plugins.complaints.screens import QueueScreen
from tests.console.support import settle
from tests.plugins.complaints.console.conftest import file


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DOWNLOAD_DIR"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "Downloads").mkdir()
    return tmp_path / "Downloads"


async def saved(folder: Path, count: int) -> list[Path]:
    for _ in range(300):
        if len(files := sorted(folder.glob("*.csv"))) >= count:
            return files
        await asyncio.sleep(0.1)
    raise AssertionError(f"{count} exports were not saved in {folder}")


async def test_the_queue_is_saved_with_its_unit_and_its_filter(console_for, downloads: Path) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await console.api.switch_plugin("HO", "complaints", True, "全行投诉管理上线")
        first, second = await file(console.api), await file(console.api)
        await console.choose("OUT1")
        await settle(pilot)
        console.open_plugin_screen(console.plugin_screens()[0])
        await settle(pilot)
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
