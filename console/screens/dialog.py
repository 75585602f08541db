"""The frame every dialog shares: a titled box in the middle of the screen, its own keys in
the footer. Subclasses yield what goes inside from :meth:`Dialog.content`; the type parameter
is what the dialog dismisses with (``Dialog[bool]`` answers a question)."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

T = TypeVar("T")


class Dialog(ModalScreen[T], Generic[T]):
    SIZE = ""
    """Extra class of the box: ``report`` (wide and tall) or ``picker`` (tall)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"dialog {self.SIZE}".strip()):
            yield Label(self.heading, classes="dialog-title")
            yield from self.content()
        yield Footer()

    def content(self) -> ComposeResult:
        yield from ()
