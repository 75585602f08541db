"""The demo network, so a newcomer's first start shows something true: a head office, two
branches, six sub-branches and twenty outlets with staff in every role, and (by default)
10,000 clients with Chinese names whose tiers spread as a bank's do.

:func:`load_demo` is what ``touchstone demo`` and ``touchstone serve --demo`` call: it shows
a progress bar and a summary on the console. :func:`core.demo.loader.load_network` does the
writing and is what tests call, with a few hundred clients.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from core.demo.history import load_service_history
from core.demo.loader import DEFAULT_CLIENTS, DemoSummary, load_network
from core.services.standards import sync_plugin_touchpoints

if TYPE_CHECKING:
    from rich.console import Console

    from core.cli.runtime import Runtime
    from core.context import JobContext

__all__ = [
    "DEFAULT_CLIENTS",
    "DemoSummary",
    "load_demo",
    "load_network",
    "load_plugin_demo_data",
    "load_service_history",
]


async def load_demo(
    runtime: Runtime, console: Console, *, clients: int = DEFAULT_CLIENTS, history_days: int | None = None
) -> DemoSummary:
    """Load the demo into ``runtime``'s (empty) database, showing progress on ``console``:
    the network and its clients, then the touchpoint catalogue and ``history_days`` of
    service events (0 for none; by default the ``demo_history_days`` setting)."""
    if history_days is None:
        history_days = runtime.settings.demo_history_days
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("Loading demo clients", total=clients)
        summary = await load_network(
            runtime.db,
            runtime.clock,
            clients=clients,
            thresholds=runtime.settings.thresholds,
            progress=lambda done, _wanted: bar.update(task, completed=done),
        )
        if history_days:
            events = bar.add_task("Loading service events", total=None)
            history = await load_service_history(
                runtime.db,
                runtime.clock,
                days=history_days,
                progress=lambda done, wanted: bar.update(events, completed=done, total=wanted),
            )
    console.print(_summary_table(summary))
    if history_days:
        console.print(
            f"Service history: {history['touchpoints']} touchpoints, {history['events']:,} events over "
            f"{history_days} days ({history['failed']:,} failing), counter standard v2 in pilot at BJ-CY, SH-PD"
        )
    for line in await load_plugin_demo_data(runtime.system()):
        console.print(line)
    return summary


async def load_plugin_demo_data(job: JobContext) -> list[str]:
    """Let every installed plugin add its part of the demo (``load_demo_data``), in one unit
    of work as the system; returns their one-line summaries."""
    async with job.unit_of_work() as ctx:
        assert ctx.unit is not None
        await sync_plugin_touchpoints(ctx.session, ctx.plugins, ctx.now)  # the app may not have started yet
        return [str(line) for line in await ctx.plugins.call("load_demo_data", ctx, ctx.unit, everywhere=True)]


def _summary_table(summary: DemoSummary) -> Table:
    """Units, staff and clients by tier, as the operator reads them after a load."""
    table = Table(title="Demo network loaded", title_justify="left", show_header=False, show_edge=False)
    table.add_column()
    table.add_column(justify="right")
    table.add_row("units", f"{sum(summary.units.values()):,}")
    table.add_row("staff", f"{sum(summary.staff.values()):,}")
    table.add_row("clients", f"{sum(summary.clients.values()):,}", end_section=True)
    for tier, count in summary.clients.items():
        table.add_row(f"  {tier}", f"{count:,}")
    return table
