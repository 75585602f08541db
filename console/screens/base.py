"""What the console's full screens share: header, the console-wide keys, footer, the API
client, and a paragraph of help for ``?``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from console import exports
from console.api import TouchstoneApi
from console.widgets.nav import NavBar

if TYPE_CHECKING:
    from console.app import TouchstoneConsole


class Page(Screen[None]):
    """A full screen of the console: subclasses yield their content from :meth:`body`.
    ``HELP`` is what ``?`` says about it."""

    HELP = ""
    EXPORT_PATH = ""
    """The API list or report the screen shows: set, ``ctrl+s`` saves it as CSV (:mod:`console.exports`)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if cls.__dict__.get("EXPORT_PATH"):
            cls.BINDINGS = [*cls.__dict__.get("BINDINGS", []), exports.binding()]
        super().__init_subclass__(**kwargs)

    def export_params(self) -> dict[str, Any]:
        """The export's query: the unit worked on (a screen with filters adds them)."""
        return {"unit": self.console.unit.code if self.console.unit else None}

    def action_save(self) -> object:
        """Save what the screen lists as CSV. A screen that edits something saves that instead,
        its own way (a worker, a dialog): hence any return."""
        return self.run_worker(
            exports.export_csv(self.app, self.api, self.EXPORT_PATH, self.export_params()), group="export"
        )

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
