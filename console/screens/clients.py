"""Clients of the unit being worked on: search by name, phone or id, filter by tier, and
open a client's 360° view. Personal data arrives masked when the token's role may not see
it; the console shows what the API gives, its codes (tier, state) named in the person's
language."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select

from console.client_terms import STATES, TIERS
from console.screens.base import Page
from console.screens.client_view import ClientViewScreen
from console.widgets.calls import call_api
from console.widgets.paged_table import PagedTable, Row
from core.api.schemas.org import UnitDetail
from core.i18n import N_, _, named


class ClientsScreen(Page):
    EXPORT_PATH = "/clients"
    AUTO_FOCUS = "#clients"  # letters typed here are keys; / moves to the search field
    BINDINGS = [Binding("slash", "search", _("Search"))]  # the console's language, fixed before it starts
    HELP = N_(
        "Clients in the subtree of the unit you work on. / moves to the search field: type part of a name, "
        "a phone number or a client id and press Enter (escape leaves the field); pick a tier to narrow; "
        "Enter on a client opens the 360° view; n fetches more."
    )

    def __init__(self) -> None:
        super().__init__()
        self.title = _("Clients")

    def body(self) -> ComposeResult:
        with Horizontal(id="client-filters"):
            yield Input(placeholder=_("name, phone or client id"), id="q", compact=True)
            yield Select[str]([], prompt=_("any tier"), id="tier", compact=True)
        columns = (_("Client name"), _("Tier"), _("State"), _("Unit"), _("Manager"), _("Client"))
        yield PagedTable(columns, id="clients")

    def on_mount(self) -> None:
        self.watch(self.console, "unit", self.show_unit)

    def show_unit(self, unit: UnitDetail | None) -> None:
        if unit is not None:
            self.query_one("#clients").border_title = _("Clients of {unit}").format(unit=f"{unit.name} {unit.code}")
            self.load_tiers(unit.code)
            self.search()

    @work(exclusive=True, group="tiers")
    async def load_tiers(self, code: str) -> None:
        if (distribution := await call_api(self, self.api.tiers(code))) is not None:
            select = self.query_one("#tier", Select)
            select.set_options(
                [(f"{named(TIERS, t.tier)} ({t.clients:,})", t.tier) for t in distribution.tiers if t.tier]
            )

    def search(self) -> None:
        unit = self.console.unit
        if unit is None:
            return
        q = self.query_one("#q", Input).value.strip()
        tier = self.query_one("#tier", Select).value

        async def fetch(cursor: str | None) -> tuple[list[Row], str | None]:
            page = await self.api.clients(unit.code, q=q, tier=tier if isinstance(tier, str) else None, cursor=cursor)
            return [
                (
                    c.id,
                    (
                        c.name,
                        named(TIERS, c.tier),
                        named(STATES, c.state),
                        c.unit.code,
                        c.manager.name if c.manager else "—",
                        c.id,
                    ),
                )
                for c in page.items
            ], page.next_cursor

        self.query_one("#clients", PagedTable).restart(fetch)

    def export_params(self) -> dict[str, Any]:
        """The clients the list shows: its search and tier too."""
        tier = self.query_one("#tier", Select).value
        q = self.query_one("#q", Input).value.strip()
        return super().export_params() | {"q": q or None, "tier": tier if isinstance(tier, str) else None}

    def action_search(self) -> None:
        self.query_one("#q", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.set_focus(self.query_one("#clients"))  # now: while it loads it cannot take focus
        self.search()

    def key_escape(self) -> None:
        self.query_one("#clients").focus()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self.search()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(ClientViewScreen(event.row_key.value))
