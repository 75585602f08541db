"""Small screens for choosing (the unit to work on, one item of a list) and the one shown
when the API cannot be reached or refuses the token."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from console.api import ApiError, TouchstoneApi
from console.messages import UnitChosen
from console.screens.dialog import Dialog
from console.widgets.unit_tree import UnitTree
from core.api.schemas.org import UnitDetail

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
