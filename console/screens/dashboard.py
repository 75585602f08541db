"""The dashboard: how the unit being worked on and the units under it are doing.

A table with each unit's compliance rate last month, its six-month trend and its open and
overdue nonconformities (Enter drills into a unit, backspace climbs back); a chart of the
unit's monthly rate; its clients by tier; and a panel from each plugin enabled there.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable

from console.api.schemas import ComplianceRow, NonconformitySummary
from console.screens.base import Page
from console.widgets.calls import call_api
from console.widgets.charts import RateChart, TierBars
from console.widgets.figures import percent, sparkline
from core.api.schemas.org import UnitDetail
from core.chinatime import CHINA_TZ, china_date
from core.i18n import N_, _

MONTHS = 6


def month_starts(now: dt.datetime, months: int = MONTHS) -> list[dt.date]:
    """First days of the last ``months`` local months, the current one last."""
    day = china_date(now).replace(day=1)
    starts = [day]
    for _month in range(months - 1):
        day = (day - dt.timedelta(days=1)).replace(day=1)
        starts.append(day)
    return starts[::-1]


def monthly_rates(rows: list[ComplianceRow], months: list[dt.date]) -> dict[str, list[float | None]]:
    """Unit → rate per month over every touchpoint (passed ÷ judged), ``None`` where nothing was judged."""
    judged: dict[tuple[str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        cell = judged[(row.unit, row.period)]
        cell[0] += row.passed
        cell[1] += row.passed + row.failed
    units = {row.unit for row in rows}
    return {
        unit: [judged[(unit, m)][0] / judged[(unit, m)][1] if judged[(unit, m)][1] else None for m in months]
        for unit in units
    }


class DashboardScreen(Page):
    TITLE = N_("Dashboard")
    EXPORT_PATH = "/reports/compliance"
    AUTO_FOCUS = "#units"
    BINDINGS = [
        Binding("enter", "drill", N_("Drill in"), priority=True),
        Binding("backspace", "up", N_("Up a level")),
        Binding("r", "reload", N_("Reload")),
    ]
    HELP = N_(
        "Compliance of the unit you work on (first row) and each unit under it: last month's rate and the "
        "events judged then, the six-month trend (one block a month from the lowest rate shown to the "
        "highest, · where nothing was judged), open and overdue nonconformities. Enter drills into the "
        "highlighted unit, backspace climbs back up, r reloads. Below: the unit's monthly rate, its clients "
        "by tier, and a panel from each plugin enabled there."
    )

    def body(self) -> ComposeResult:
        with VerticalScroll():
            yield DataTable(id="units", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="charts"):
                yield RateChart(id="trend")
                yield TierBars(id="tiers")
            yield Vertical(id="panels")

    def on_mount(self) -> None:
        table = self.query_one("#units", DataTable)
        table.add_columns(_("Unit"), _("Last month"), _("Trend"), _("Judged"), _("Open NC"), _("Overdue"))
        table.border_title = _("Compliance by unit")
        self.query_one("#tiers").border_title = _("Clients by tier")
        self.watch(self.console, "unit", self.reload_for)
        self.watch(self.console, "enabled_here", self.show_panels, init=False)

    def action_reload(self) -> None:
        if self.console.unit is not None:
            self.reload_for(self.console.unit)
            self.show_panels(self.console.enabled_here)

    def action_up(self) -> None:
        unit = self.console.unit
        if unit is not None and unit.parent and unit.code != self.console.me.unit.code:  # type: ignore[union-attr]
            self.run_worker(self.console.choose(unit.parent))

    def action_drill(self) -> None:
        """Work on the highlighted unit (the first row is the unit worked on already)."""
        table = self.query_one("#units", DataTable)
        if table.row_count:
            self.drill(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.drill(event.row_key.value)

    def drill(self, code: str | None) -> None:
        if code and self.console.unit and code != self.console.unit.code:
            self.run_worker(self.console.choose(code))

    def export_params(self) -> dict[str, Any]:
        """The compliance report the table shows: by month, over the same months."""
        now = self.console.clock.now()
        since = dt.datetime.combine(month_starts(now)[0], dt.time(), CHINA_TZ)
        return super().export_params() | {"period": "month", "since": since.isoformat(), "until": now.isoformat()}

    @work(exclusive=True, group="figures")
    async def reload_for(self, unit: UnitDetail | None) -> None:
        if unit is None:
            return
        months = month_starts(self.console.clock.now())
        since = dt.datetime.combine(months[0], dt.time(), CHINA_TZ)
        table, chart, tiers = self.query_one("#units", DataTable), self.query_one(RateChart), self.query_one(TierBars)
        for widget in (table, chart, tiers):
            widget.loading = True
        found = await call_api(
            self,
            asyncio.gather(
                self.api.compliance(unit.code, since, self.console.clock.now()),
                self.api.nonconformities(unit.code),
                self.api.tiers(unit.code),
            ),
        )
        for widget in (table, chart, tiers):
            widget.loading = False
        if found is None:
            return
        compliance, nonconformities, distribution = found
        rates = monthly_rates(compliance, months)
        judged = dict.fromkeys(rates, 0)
        for row in compliance:
            judged[row.unit] += row.passed + row.failed if row.period == months[-2] else 0
        self.fill(table, unit, nonconformities, rates, judged)
        chart.plot([f"{m:%m}" for m in months], rates.get(unit.code, [None] * MONTHS))
        tiers.show(distribution)
        self.show_panels(self.console.enabled_here)

    def fill(
        self,
        table: DataTable[str],
        unit: UnitDetail,
        summaries: list[NonconformitySummary],
        rates: dict[str, list[float | None]],
        judged: dict[str, int],
    ) -> None:
        table.clear()
        names = {row.unit: row.unit_name for row in summaries}
        known = [r for trend in rates.values() for r in trend if r is not None]
        low, high = (min(known), max(known)) if known else (0.0, 1.0)
        for i, summary in enumerate(summaries):
            trend = rates.get(summary.unit, [None] * MONTHS)
            branch = "" if summary.unit == unit.code else ("└ " if i == len(summaries) - 1 else "├ ")
            table.add_row(
                f"{branch}{names[summary.unit]} {summary.unit}",
                percent(trend[-2]),
                sparkline(trend, low, high),
                f"{judged.get(summary.unit, 0):,}",
                f"{summary.open:,}",
                f"{summary.overdue:,}",
                key=summary.unit,
            )

    def show_panels(self, enabled: frozenset[str]) -> None:
        """One panel per plugin on here (rebuilt for a new unit, and when switches change)."""
        box = self.query_one("#panels", Vertical)
        box.remove_children()
        if self.console.unit is None:
            return
        for panel in self.console.extensions.panels_for(enabled):
            widget = panel.factory(self.api, self.console.unit.code)
            widget.border_title = widget.border_title or panel.title
            box.mount(widget)
