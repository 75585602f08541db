"""Two read-only views of standard versions: what changed between two of them, and how a
pilot does beside the rest of the network over the same weeks."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from console.api import TouchstoneApi
from console.api.schemas import GroupFigures, PilotComparison
from console.content import show_value
from console.screens.dialog import Dialog
from console.widgets.calls import call_api
from console.widgets.figures import bar, percent
from core.api.schemas.standards import VersionDiff, VersionOut

Report = tuple[str, tuple[str, ...], list[tuple[Any, ...]]]
SIGNS = {"added": "+", "removed": "−", "changed": "~"}
BAR_WIDTH = 12


class ReportModal(Dialog[None]):
    """A titled table loaded through the API; escape closes it."""

    SIZE = "report"
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, api: TouchstoneApi, title: str) -> None:
        super().__init__(title)
        self.api = api

    def content(self) -> ComposeResult:
        yield Static("", classes="dialog-note")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.load()

    async def fetch(self) -> Report:
        """The note, columns and rows to show (subclasses ask the API)."""
        raise NotImplementedError

    @work(exclusive=True)
    async def load(self) -> None:
        table = self.query_one(DataTable)
        if (report := await call_api(self, self.fetch(), busy=table)) is None:
            return
        note, columns, rows = report
        self.query_one(".dialog-note", Static).update(note)
        table.add_columns(*columns)
        table.add_rows(rows)


class DiffScreen(ReportModal):
    def __init__(self, api: TouchstoneApi, base: VersionOut, other: VersionOut) -> None:
        super().__init__(api, f"{other.touchpoint}: v{base.number} → v{other.number}")
        self.base, self.other = base, other

    async def fetch(self) -> Report:
        return _diff_rows(await self.api.diff(self.base.id, self.other.id))


def _diff_rows(diff: VersionDiff) -> Report:
    note = f"Sections changed: {', '.join(diff.sections)}" if diff.sections else "No section text changed"
    rows = []
    for change in diff.controls:
        before, after = change.before or {}, change.after or {}
        fields = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        for name in fields:
            rows.append(
                (SIGNS[change.change], change.key, name, show_value(before.get(name)), show_value(after.get(name)))
            )
    return note if rows else f"{note}; controls unchanged", ("", "Control", "Field", "Before", "After"), rows


class PilotReportScreen(ReportModal):
    def __init__(self, api: TouchstoneApi, version: VersionOut) -> None:
        super().__init__(api, f"{version.touchpoint} v{version.number}: pilot against the rest of the network")
        self.version = version

    async def fetch(self) -> Report:
        return _pilot_rows(await self.api.pilot_report(self.version.id))


def _pilot_rows(report: PilotComparison) -> Report:
    note = (
        f"Pilot at {', '.join(report.pilot_units)} since {report.since:%Y-%m-%d}, until {report.until:%Y-%m-%d}; "
        "the rest judged by the standard in force there"
    )

    def side(figures: GroupFigures) -> tuple[str, str]:
        return percent(figures.rate), bar(figures.rate or 0, 1, BAR_WIDTH)

    rows: list[tuple[Any, ...]] = [
        ("Events", f"{report.pilot.events:,}", "", f"{report.rest.events:,}", ""),
        ("Compliance", *side(report.pilot), *side(report.rest)),
        ("Nonconformities", f"{report.pilot.nonconformities:,}", "", f"{report.rest.nonconformities:,}", ""),
    ]
    rest = {c.key: c for c in report.rest.controls}
    for control in report.pilot.controls:
        other = rest.get(control.key)
        rows.append(
            (
                f"  fails: {control.name}",
                percent(control.failure_rate),
                "",
                percent(other.failure_rate if other else None),
                "",
            )
        )
    return note, ("Figure", "Pilot", "", "Rest of network", ""), rows
