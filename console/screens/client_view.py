"""One client's 360° view: profile, manager, what enabled plugins add, and the history of
every change with its reason (oldest first, a page at a time).

Everything reads in the person's language: the profile's labels and codes, money as yuan,
days and times in China time; each plugin's section as the labelled fields its plugin wrote
(the API renders their text in the request's language). Personal data shows as the API
sends it, masked when the token's role may not see it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.table import Table
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from console.client_terms import ACTIONS, FIELDS, KINDS, LEVELS, SIZES, STATES, TIERS
from console.content import show_value
from console.screens.base import Page
from console.screens.pickers import ChoiceModal
from console.widgets.calls import call_api
from console.widgets.paged_table import PagedTable, Row
from core.api.schemas.clients import Client360, ClientOut
from core.chinatime import china_day, china_time
from core.i18n import N_, _, lazy_gettext, named
from core.money import yuan
from core.types import ClientAction

Show = Callable[[Any], str]
PROFILE: tuple[tuple[str, Show], ...] = (
    ("kind", lambda v: named(KINDS, v)),
    ("state", lambda v: named(STATES, v)),
    ("tier", lambda v: named(TIERS, v)),
    ("id_number", str),
    ("phone", str),
    ("email", str),
    ("address", str),
    ("birthday", china_day),
    ("assets_under_management", yuan),
    ("deposits", yuan),
    ("risk_class", lambda v: named(LEVELS, v)),
    ("size", lambda v: named(SIZES, v)),
)
"""The profile's fields in order, each with how a person reads its value."""
HISTORY_COLUMNS = (
    lazy_gettext("When"),
    lazy_gettext("Who"),
    lazy_gettext("What"),
    lazy_gettext("Reason"),
    lazy_gettext("Changes"),
)


def grid(pairs: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, value in pairs:
        table.add_row(label, value or "—")
    return table


def two_columns(pairs: list[tuple[str, str]]) -> Table:
    """Label-value pairs side by side, the first half on the left, so a profile fits the
    first screen of an 80×24 terminal."""
    table = Table.grid(padding=(0, 1), expand=True)
    for _column in range(2):
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
    half = (len(pairs) + 1) // 2
    for (label, value), right in zip(pairs[:half], [*pairs[half:], ("", "")], strict=False):
        table.add_row(label, value or "—", right[0], right[1])
    return table


def profile(client: ClientOut) -> Table:
    pairs = [(_("Client"), client.id), (str(FIELDS["unit"]), f"{client.unit.name} {client.unit.code}")]
    pairs += [(str(FIELDS[name]), show(getattr(client, name))) for name, show in PROFILE if getattr(client, name)]
    if client.manager:
        pairs.append((str(FIELDS["manager"]), f"{client.manager.name} {client.manager.phone or ''}".strip()))
    return two_columns(pairs)


def changed(value: Any) -> str:
    """A value before or after a change, as the profile shows it."""
    if isinstance(value, str):
        for names in (STATES, TIERS, KINDS):
            if value in names:
                return named(names, value)
    if isinstance(value, Decimal):
        return yuan(value)
    if isinstance(value, dt.datetime):
        return china_time(value)
    return show_value(value) or "—"


class ClientViewScreen(Page):
    BINDINGS = [  # the console's language, fixed before it starts
        Binding("escape", "app.pop_screen", _("Back")),
        Binding("a", "act", _("Act for the client")),
    ]
    HELP = N_(
        "A client's profile, manager, what each plugin adds and the history of changes with their reasons; "
        "a does what a plugin offers for the client (redeem a perk); n fetches older history."
    )

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.title = _("Client 360°")
        self.view: Client360 | None = None

    def body(self) -> ComposeResult:
        with VerticalScroll(id="client-view"):
            yield Static(id="profile")
            yield VerticalScroll(id="sections")
            yield PagedTable(tuple(str(c) for c in HISTORY_COLUMNS), self.history, id="history")

    def on_mount(self) -> None:
        self.query_one("#history").border_title = _("History")
        self.load()

    @work(exclusive=True, group="view")
    async def load(self) -> None:
        box = self.query_one("#profile", Static)
        if (view := await call_api(self, self.api.client_view(self.client_id), busy=box)) is not None:
            await self.show(view)

    async def show(self, view: Client360) -> None:
        self.view = view
        self.sub_title = f"{view.client.name} {view.client.id}"
        box = self.query_one("#profile", Static)
        box.border_title = view.client.name
        box.update(profile(view.client))
        sections = self.query_one("#sections")
        await sections.remove_children()
        for section in view.sections:
            widget = Static(grid([(f.label, f.text) for f in section.fields]), classes="section")
            widget.border_title = section.title
            widget.id = f"section-{section.key}".replace(".", "-")
            await sections.mount(widget)

    def actions(self) -> list[ClientAction]:
        """What the plugins whose sections the view shows (on at the client's unit) offer."""
        shown = {s.plugin for s in self.view.sections} if self.view else set()
        return self.console.extensions.client_actions_for(shown)

    def action_act(self) -> None:
        offered = self.actions()
        if not offered:
            self.notify(_("No plugin offers anything to do for this client here"), severity="warning")
        elif len(offered) == 1:
            self.act(offered[0])
        else:
            self.app.push_screen(ChoiceModal(_("Do what for the client?"), [(a.title, a) for a in offered]), self.act)

    def act(self, action: ClientAction | None) -> None:
        if action is not None:
            self.app.push_screen(action.factory(self.api, self.client_id), self.acted)

    def acted(self, done: str | None) -> None:
        if done:
            self.notify(done, title=_("Done"))
            self.load()

    async def history(self, cursor: str | None) -> tuple[list[Row], str | None]:
        page = await self.api.client_history(self.client_id, cursor)
        return [
            (
                None,
                (
                    china_time(h.at),
                    h.actor,
                    named(ACTIONS, h.action),
                    h.reason,
                    "; ".join(f"{named(FIELDS, c.field)}: {changed(c.before)} → {changed(c.after)}" for c in h.changes),
                ),
            )
            for h in page.items
        ], page.next_cursor
