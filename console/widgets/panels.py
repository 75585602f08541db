"""A dashboard panel that loads a few labelled figures through the API.

Plugins contribute dashboard panels with ``register_console_panels``; the simplest is a
subclass of :class:`FigurePanel` that says how to fetch its figures::

    class BreachPanel(FigurePanel):
        async def figures(self) -> list[tuple[str, str]]:
            page = await self.api.get("/plugins/complaints/summary", Summary, unit=self.unit)
            return [("in breach", f"{page.in_breach:,}"), ("due today", f"{page.due_today:,}")]

The panel shows a loading state while it fetches, an API error as its message, and
reloads with ``r`` on the dashboard.
"""

from __future__ import annotations

from rich.table import Table
from textual import work
from textual.widgets import Static

from console.api import ApiClient
from console.widgets.calls import call_api
from core.i18n import _


class FigurePanel(Static):
    """Label/value lines for one unit; subclasses implement :meth:`figures`."""

    DEFAULT_CLASSES = "panel"

    def __init__(self, api: ApiClient, unit: str, *, title: str = "") -> None:
        super().__init__()
        self.api = api
        self.unit = unit
        self.border_title = title

    async def figures(self) -> list[tuple[str, str]]:
        """The lines to show, label first (ask ``self.api`` for them)."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.reload()

    @work(exclusive=True)
    async def reload(self) -> None:
        if (lines := await call_api(self, self.figures(), busy=self)) is None:
            self.update(_("(not available)"))
            return
        table = Table.grid(padding=(0, 2))
        table.add_column()
        table.add_column(justify="right")
        for label, value in lines:
            table.add_row(label, value)
        self.update(table)
