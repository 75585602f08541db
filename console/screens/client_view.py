"""One client's 360° view: profile, manager, what enabled plugins add, and the history of
every change with its reason (oldest first, a page at a time)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from console.content import show_value
from console.screens.base import Page
from console.widgets.calls import call_api
from console.widgets.paged_table import PagedTable, Row
from core.api.schemas.clients import Client360, ClientOut
from core.chinatime import china_time

PROFILE = (
    ("Client", "id"),
    ("Kind", "kind"),
    ("State", "state"),
    ("Tier", "tier"),
    ("ID number", "id_number"),
    ("Phone", "phone"),
    ("Email", "email"),
    ("Address", "address"),
    ("Birthday", "birthday"),
    ("Assets (CNY)", "assets_under_management"),
    ("Deposits (CNY)", "deposits"),
    ("Risk", "risk_class"),
    ("Size", "size"),
)


def grid(pairs: list[tuple[str, Any]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in pairs:
        table.add_row(label, show_value(value) or "—")
    return table


def profile(client: ClientOut) -> Table:
    pairs = [(label, getattr(client, field)) for label, field in PROFILE]
    pairs.insert(1, ("Unit", f"{client.unit.name} {client.unit.code}"))
    pairs.append(("Manager", f"{client.manager.name} {client.manager.phone or ''}" if client.manager else None))
    return grid([(label, value) for label, value in pairs if value is not None])


class ClientViewScreen(Page):
    TITLE = "Client 360°"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    HELP = "A client's profile, manager, plugin sections and history with reasons; n fetches older history."

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id

    def body(self) -> ComposeResult:
        with VerticalScroll(id="client-view"):
            yield Static(id="profile")
            yield VerticalScroll(id="sections")
            yield PagedTable(("When", "Who", "What", "Reason", "Changes"), self.history, id="history")

    def on_mount(self) -> None:
        self.query_one("#history").border_title = "History"
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        box = self.query_one("#profile", Static)
        if (view := await call_api(self, self.api.client_view(self.client_id), busy=box)) is not None:
            self.show(view)

    def show(self, view: Client360) -> None:
        self.sub_title = f"{view.client.name} {view.client.id}"
        box = self.query_one("#profile", Static)
        box.border_title = view.client.name
        box.update(profile(view.client))
        sections = self.query_one("#sections")
        for section in view.sections:
            data = section.data if isinstance(section.data, dict) else {"": section.data}
            widget = Static(grid(list(data.items())), classes="section")
            widget.border_title = f"{section.title} ({section.plugin})"
            sections.mount(widget)

    async def history(self, cursor: str | None) -> tuple[list[Row], str | None]:
        page = await self.api.client_history(self.client_id, cursor)
        return [
            (
                None,
                (
                    china_time(h.at),
                    h.actor,
                    h.action,
                    h.reason,
                    "; ".join(f"{c.field}: {show_value(c.before)} → {show_value(c.after)}" for c in h.changes),
                ),
            )
            for h in page.items
        ], page.next_cursor
