"""The frame every dialog shares: a titled box in the middle of the screen, its own keys in
the footer, escape to go back. Subclasses yield what goes inside from :meth:`Dialog.content`;
the type parameter is what the dialog dismisses with (``Dialog[bool]`` answers a question),
and ``CANCELLED`` what escape dismisses with."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from console.localised import speak_bindings
from core.i18n import N_

T = TypeVar("T")


class Dialog(ModalScreen[T], Generic[T]):
    SIZE = ""
    """Extra class of the box: ``report`` (wide and tall) or ``picker`` (tall)."""
    CANCELLED: ClassVar[Any] = None
    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def __init__(self, title: str) -> None:
        super().__init__()
        speak_bindings(self)
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"dialog {self.SIZE}".strip()):
            yield Label(self.heading, classes="dialog-title")
            yield from self.content()
        yield Footer(compact=True)

    def content(self) -> ComposeResult:
        yield from ()

    def action_back(self) -> None:
        self.dismiss(self.CANCELLED)
