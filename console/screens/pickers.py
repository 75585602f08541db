"""Small screens for choosing (the unit to work on, one item of a list, a client, member of
staff, unit or perk found by name) and the one shown when the API cannot be reached or
refuses the token.

:class:`SearchPicker` is how a form asks for a record without anyone typing its id: a search
field over one of the API's list endpoints, each answer shown as its name and a masked detail
(a phone number, a unit), Enter picks. :func:`client_search`, :func:`staff_search` and
:func:`unit_search` are the core's lists to search; a plugin passes its own (perks)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, NamedTuple, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from console.api import ApiClient, ApiError, TouchstoneApi
from console.messages import UnitChosen
from console.screens.dialog import Dialog
from console.widgets.unit_tree import UnitTree
from core.api.schemas.clients import ClientPage
from core.api.schemas.org import UnitDetail, UnitPage
from core.api.schemas.staff import StaffPage
from core.i18n import _

T = TypeVar("T")


class UnitPicker(Dialog[str | None]):
    """The organisation tree; Enter on a unit chooses it."""

    SIZE = "picker"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, api: TouchstoneApi, root: UnitDetail) -> None:
        super().__init__("Work on which unit?")
        self.api = api
        self.root_unit = root

    def content(self) -> ComposeResult:
        yield UnitTree(self.api, self.root_unit)

    def on_unit_chosen(self, message: UnitChosen) -> None:
        message.stop()
        self.dismiss(message.code)


class ChoiceModal(Dialog[T | None], Generic[T]):
    """A list to pick one item from; Enter picks, escape cancels."""

    SIZE = "picker"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str, T]]) -> None:
        super().__init__(title)
        self.choices = list(choices)

    def content(self) -> ComposeResult:
        yield OptionList(*(Option(label) for label, _ in self.choices))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])


class Choice(NamedTuple):
    """One answer of a search: the id a form sends, the name a person reads, and a detail
    that tells two namesakes apart (masked as the API sends it)."""

    value: str
    name: str
    detail: str = ""


Search = Callable[[str], Awaitable[list[Choice]]]
"""Part of a name typed so far → the records it finds (one page is enough to choose from)."""


class SearchPicker(Dialog[Choice | None]):
    """Type part of a name; the list below shows what the API finds as you type; down moves
    into the list, Enter picks (in the field: the first answer), escape cancels."""

    SIZE = "picker"
    BINDINGS = [Binding("escape", "dismiss(None)", _("Cancel"))]  # the console's language, fixed before it starts

    def __init__(self, title: str, search: Search, *, placeholder: str = "") -> None:
        super().__init__(title)
        self.search = search
        self.placeholder = placeholder or _("part of a name")
        self.found: list[Choice] = []

    def content(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id="picker-q", compact=True)
        yield OptionList(id="picker-found")

    def on_mount(self) -> None:
        self.query_one("#picker-q", Input).focus()
        self.find("")

    @on(Input.Changed, "#picker-q")
    def typed(self, event: Input.Changed) -> None:
        self.find(event.value.strip())

    @work(exclusive=True, group="search")
    async def find(self, text: str) -> None:
        listed = self.query_one("#picker-found", OptionList)
        try:
            found = await self.search(text)
        except ApiError as error:
            self.notify(error.message, title=error.problem.title, severity="error", timeout=8)
            return
        self.found = found
        listed.clear_options()
        listed.add_options(
            [Option(Text.assemble((c.name, "bold"), f"  {c.detail}" if c.detail else "")) for c in found]
            or [Option(_("nothing found"), disabled=True)]
        )
        if found:
            listed.highlighted = 0

    def key_down(self) -> None:
        if self.focused is self.query_one("#picker-q") and self.found:
            self.query_one("#picker-found").focus()

    @on(Input.Submitted, "#picker-q")
    def first(self, event: Input.Submitted) -> None:
        event.stop()
        if self.found:
            self.dismiss(self.found[0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.found):
            self.dismiss(self.found[event.option_index])


PICK_PAGE = 20
"""Answers a picker shows: enough to choose from; typing more narrows them."""


def client_search(api: ApiClient, unit: str) -> Search:
    """Clients of ``unit``'s subtree by part of a name, a phone number or an id, shown with
    their (masked) phone and unit."""

    async def search(text: str) -> list[Choice]:
        page = await api.get("/clients", ClientPage, unit=unit, q=text or None, limit=PICK_PAGE)
        return [Choice(c.id, c.name, " · ".join(filter(None, (c.phone, c.unit.name)))) for c in page.items]

    return search


def staff_search(api: ApiClient, unit: str) -> Search:
    """Staff of ``unit``'s subtree by part of a name or a whole employee number, shown with
    their unit."""

    async def search(text: str) -> list[Choice]:
        page = await api.get("/staff", StaffPage, unit=unit, q=text or None, limit=PICK_PAGE)
        return [Choice(s.id, s.name, f"{s.employee_no} · {s.unit.name}") for s in page.items]

    return search


def unit_search(api: ApiClient, unit: str) -> Search:
    """Units of ``unit``'s subtree whose name or code holds the text (the list endpoint has
    no text filter: its pages are read until enough are found)."""

    async def search(text: str) -> list[Choice]:
        found: list[Choice] = []
        cursor: str | None = None
        while len(found) < PICK_PAGE:
            page = await api.get("/units", UnitPage, within=unit, cursor=cursor, limit=100)
            found += [Choice(u.code, u.name, u.code) for u in page.items if text in u.name or text in u.code]
            if not (cursor := page.next_cursor):
                break
        return found[:PICK_PAGE]

    return search


class FailureScreen(Screen[None]):
    """Why the console could not start talking to the API."""

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, where: str, error: ApiError) -> None:
        super().__init__()
        self.where = where
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Touchstone at {self.where} did not let the console in", classes="dialog-title")
            yield Static(f"{self.error.problem.title}: {self.error.message}", classes="form-error")
            yield Static("Check the URL and the token (`touchstone console --url … ` asks for a new one).")
        yield Footer()
