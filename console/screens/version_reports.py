"""Two read-only views of standard versions: what changed between two of them, and how a
pilot does beside the rest of the network over the same weeks."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from console.api import TouchstoneApi
from console.api.schemas import GroupFigures, PilotComparison
from console.content import show_value
from console.screens.dialog import Dialog
from console.widgets.calls import call_api
from console.widgets.figures import bar, percent
from core.api.schemas.standards import VersionDiff, VersionOut
from core.chinatime import china_day
from core.i18n import N_, _

Report = tuple[str, tuple[str, ...], list[tuple[Any, ...]]]
SIGNS = {"added": "+", "removed": "−", "changed": "~"}
BAR_WIDTH = 12
SECTION_NAMES = {"title": N_("Title"), "outputs": N_("Outputs"), "inputs": N_("Inputs"), "note": N_("Note")}


class ReportModal(Dialog[None]):
    """A titled table loaded through the API; escape closes it."""

    SIZE = "report"

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
    if diff.sections:
        note = _("Sections changed: {sections}").format(
            sections="、".join(_(SECTION_NAMES.get(s, s)) for s in diff.sections)
        )
    else:
        note = _("No section text changed")
    rows = []
    for change in diff.controls:
        before, after = change.before or {}, change.after or {}
        fields = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        for name in fields:
            rows.append(
                (SIGNS[change.change], change.key, name, show_value(before.get(name)), show_value(after.get(name)))
            )
    columns = ("", _("Control"), _("Field"), _("Before"), _("After"))
    return note if rows else _("{note}; controls unchanged").format(note=note), columns, rows


class PilotReportScreen(ReportModal):
    def __init__(self, api: TouchstoneApi, version: VersionOut) -> None:
        super().__init__(
            api,
            _("{touchpoint} v{number}: pilot against the rest of the network").format(
                touchpoint=version.touchpoint, number=version.number
            ),
        )
        self.version = version

    async def fetch(self) -> Report:
        return _pilot_rows(await self.api.pilot_report(self.version.id))


def _pilot_rows(report: PilotComparison) -> Report:
    note = _("Pilot at {units} from {since} to {until}; the rest judged by the standard in force there").format(
        units="、".join(report.pilot_units), since=china_day(report.since), until=china_day(report.until)
    )

    def side(figures: GroupFigures) -> tuple[str, str]:
        return percent(figures.rate), bar(figures.rate or 0, 1, BAR_WIDTH)

    rows: list[tuple[Any, ...]] = [
        (_("Events"), f"{report.pilot.events:,}", "", f"{report.rest.events:,}", ""),
        (_("Compliance"), *side(report.pilot), *side(report.rest)),
        (_("Nonconformities"), f"{report.pilot.nonconformities:,}", "", f"{report.rest.nonconformities:,}", ""),
    ]
    rest = {c.key: c for c in report.rest.controls}
    for control in report.pilot.controls:
        other = rest.get(control.key)
        rows.append(
            (
                "  " + _("fails: {control}").format(control=control.name),
                percent(control.failure_rate),
                "",
                percent(other.failure_rate if other else None),
                "",
            )
        )
    return note, (_("Figure"), _("Pilot"), "", _("Rest of network"), ""), rows
