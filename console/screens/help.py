"""The help panel (``?`` or F1): what the screen underneath is for, how to work it, and
every key it answers to right now, with what each does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.screens.dialog import Dialog
from core.i18n import N_, _

GENERAL = N_(
    "Everywhere: d o s c go to the dashboard, organisation, standards and clients; u chooses the unit "
    "every screen works on; p opens the screens of plugins enabled there; ctrl+p finds every screen and "
    "action by name; ? or F1 shows this help; escape goes back; q quits. While a text field has the "
    "focus, letters are text: escape leaves the field."
)


class HelpScreen(Dialog[None]):
    SIZE = "report"
    BINDINGS = [Binding("question_mark,f1", "help", N_("Help"))]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(_("Help: {screen}").format(screen=under.title or "Touchstone"))
        self.under = under

    def content(self) -> ComposeResult:
        """The screen's own help, its keys, then the keys of every screen, in one scroll (at
        80×24 they do not fit at once)."""
        with VerticalScroll(classes="help-body"):
            if about := getattr(self.under, "help_text", "") or getattr(self.under, "HELP", ""):
                yield Static(about, classes="dialog-note")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Static(_(GENERAL), classes="dialog-note")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Press"), _("Does"))
        seen = set()
        for active in self.under.active_bindings.values():
            binding = active.binding
            if binding.show and binding.description and binding.action not in seen and active.enabled:
                seen.add(binding.action)
                table.add_row(self.app.get_key_display(binding), binding.description)

    def action_help(self) -> None:
        """The key that opened the help closes it (a dialog keeps the app's keys out)."""
        self.dismiss(None)
