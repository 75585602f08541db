"""What the console's full screens share: header, the console-wide keys, footer, the API
client, and the help ``?`` (or F1) shows.

A screen's ``TITLE``, ``HELP`` and key descriptions are English source text marked with
:func:`~console.localised.N_`; each screen says them in the console's language when it is
built. ``AUTO_FOCUS`` names the widget where the work is (its main table or tree), so the
keys of the screen act on its highlighted row from the moment it opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header
from textual.worker import Worker

from console import exports
from console.api import TouchstoneApi
from console.localised import speak_bindings
from console.widgets.nav import NavBar
from core.i18n import N_, _

if TYPE_CHECKING:
    from console.app import TouchstoneConsole


class Page(Screen[None]):
    """A full screen of the console: subclasses yield their content from :meth:`body`.
    ``HELP`` is what the help panel says about it: what it is for and how to work it."""

    HELP = ""
    AUTO_FOCUS = "DataTable, Tree"
    EXPORT_PATH = ""
    """The API list or report the screen shows: set, ``ctrl+s`` saves it as CSV (:mod:`console.exports`);
    ``{unit}`` in it stands for the unit worked on (``/plugins/complaints/units/{unit}/complaints``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if cls.__dict__.get("EXPORT_PATH"):
            cls.BINDINGS = [*cls.__dict__.get("BINDINGS", []), exports.binding()]
        super().__init_subclass__(**kwargs)

    def __init__(self) -> None:
        super().__init__()
        speak_bindings(self)
        self.title = _(self.TITLE) if self.TITLE else None

    def export_params(self) -> dict[str, Any]:
        """The export's query: the unit worked on (a screen with filters adds them)."""
        return {"unit": self.console.unit.code if self.console.unit else None}

    def action_save(self) -> object:
        """Save what the screen lists as CSV. A screen that edits something saves that instead,
        its own way (a worker, a dialog): hence any return."""
        params = self.export_params()
        path = self.EXPORT_PATH.format(unit=params.get("unit") or "")
        return self.run_worker(exports.export_csv(self.app, self.api, path, params), group="export")

    @property
    def console(self) -> TouchstoneConsole:
        return cast("TouchstoneConsole", self.app)

    @property
    def api(self) -> TouchstoneApi:
        return self.console.api

    @property
    def help_text(self) -> str:
        """``HELP`` in the console's language."""
        return _(self.HELP) if self.HELP else ""

    def on_mount(self) -> None:
        """Give the focus back to the main widget when it stops loading (a widget that is
        loading cannot hold the focus, and the screen opens while it loads its first rows)."""
        if self.AUTO_FOCUS and (main := next(iter(self.query(self.AUTO_FOCUS)), None)) is not None:
            self.watch(main, "loading", lambda loading: self.focus_on(main, loading), init=False)

    def focus_on(self, main: Widget, loading: bool) -> None:
        if not loading and self.focused is None and self.is_active:
            main.focus()

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar()
        yield from self.body()
        yield Footer(compact=True)

    def body(self) -> ComposeResult:
        yield from ()


class SubPage(Page):
    """A screen pushed over a main one (a plugin's screen, the draft editor): escape goes back."""

    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def action_back(self) -> Worker[None] | None:
        """Go back. A screen that asks first (unsaved changes) asks in a worker, which it returns."""
        self.dismiss(None)
        return None
