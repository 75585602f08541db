"""Charts for the dashboard: a compliance trend drawn by plotext, tiers as block bars."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.widgets import Static
from textual_plotext import PlotextPlot

from console.labels import word
from console.widgets.figures import bar
from core.api.schemas.tiers import TierDistribution
from core.i18n import _

TIER_BAR_WIDTH = 10


class RateChart(PlotextPlot):
    """Compliance rate by period, in percent, with the periods as labels (ASCII: plotext
    counts a wide character as one cell, so Chinese labels would run off the axis; the
    chart's title is its border title, which Textual measures right)."""

    def on_mount(self) -> None:
        self.border_title = _("Compliance % by month")

    def plot(self, labels: Sequence[str], rates: Sequence[float | None]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        points = [(i, rate * 100) for i, rate in enumerate(rates, start=1) if rate is not None]
        if points:
            xs, ys = zip(*points, strict=True)
            plt.plot(list(xs), list(ys), marker="braille")
            low = min(ys)
            plt.ylim(max(0.0, low - (100 - low) * 0.25 - 1), 100)
        plt.xlim(0.5, len(labels) + 0.5)  # every period on the axis, measured or not
        plt.xticks(list(range(1, len(labels) + 1)), list(labels))
        self.refresh()


class TierBars(Static):
    """Clients served by tier: a bar, the count and the share, one tier a line."""

    def show(self, distribution: TierDistribution) -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column()
        table.add_column(width=TIER_BAR_WIDTH)
        table.add_column(justify="right")
        table.add_column(justify="right")
        top = max((t.clients for t in distribution.tiers), default=0)
        for tier in distribution.tiers:
            share = tier.clients / distribution.total if distribution.total else 0
            table.add_row(
                word(tier.tier) if tier.tier else _("untiered"),
                bar(tier.clients, top, TIER_BAR_WIDTH),
                f"{tier.clients:,}",
                f"{share:.0%}",
            )
        table.add_row(_("total"), "", f"{distribution.total:,}", "")
        self.update(table)
