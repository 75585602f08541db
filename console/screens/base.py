"""What the console's full screens share: header, the console-wide keys, footer, the API
client, and a paragraph of help for ``?``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from console.api import TouchstoneApi
from console.widgets.nav import NavBar

if TYPE_CHECKING:
    from console.app import TouchstoneConsole


class Page(Screen[None]):
    """A full screen of the console: subclasses yield their content from :meth:`body`.
    ``HELP`` is what ``?`` says about it."""

    HELP = ""

    @property
    def console(self) -> TouchstoneConsole:
        return cast("TouchstoneConsole", self.app)

    @property
    def api(self) -> TouchstoneApi:
        return self.console.api

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar()
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()
