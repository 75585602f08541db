"""Between versions of a standard: what changed since another version (picked from a list),
how a pilot does beside the rest of the network, and a version written to a TOML file and
read back as a new draft, all from the standards screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from console.content import as_data, to_content
from console.screens.pickers import ChoiceModal
from console.screens.version_reports import DiffScreen, PilotReportScreen
from tests.console.conftest import highlight, paste, published_standard, settle


def cells(table: DataTable[str]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_versions_are_compared_and_moved_through_toml_files(console_for, tmp_path: Path) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await published_standard(console.api)
        draft = await console.api.create_draft("counter_service")
        stricter = as_data(draft.content)
        stricter["controls"][0]["threshold"] = 10
        await console.api.save_draft(draft.id, to_content(stricter))
        await console.api.start_pilot(draft.id, ["SB1"], "试点")
        await pilot.press("s")
        await settle(pilot)
        highlight(console.screen.query_one("#touchpoints", DataTable), "counter_service")
        await settle(pilot)
        highlight(console.screen.query_one("#versions", DataTable), draft.id)

        await pilot.press("f")
        await settle(pilot)
        assert isinstance(console.screen, ChoiceModal)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(console.screen, DiffScreen)
        assert cells(console.screen.query_one(DataTable)) == [["~", "wait", "threshold", "15", "10"]]
        await pilot.press("escape", "v")
        await settle(pilot)
        assert isinstance(console.screen, PilotReportScreen)
        report = cells(console.screen.query_one(DataTable))
        assert [row[0] for row in report[:3]] == ["事件数", "达标率", "不符合项"]
        assert report[3][0] == "  未达标：等候时间"
        await pilot.press("escape", "x", "ctrl+a", "ctrl+k")  # clear the proposed file name
        await paste(pilot, str(tmp_path / "counter.toml"))
        await pilot.press("enter")
        await settle(pilot)
        written = (tmp_path / "counter.toml").read_text(encoding="utf-8")
        assert "threshold = 10" in written and 'code = "counter_service"' in written

        highlight(console.screen.query_one("#touchpoints", DataTable), "counter_service")
        await pilot.press("i")
        await paste(pilot, str(tmp_path / "counter.toml"))
        await pilot.press("enter")
        await settle(pilot)
        versions = await console.api.versions("counter_service")
        assert [(v.number, v.status) for v in versions] == [(1, "published"), (2, "pilot"), (3, "draft")]
        assert versions[2].content.controls[0].threshold == 10
