"""``?``: what the screen underneath is for, and every key it answers to right now."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.screens.dialog import Dialog

GENERAL = (
    "d o s c go to the dashboard, organisation, standards and clients; u chooses the unit every "
    "screen works on; p opens what plugins enabled there add; ctrl+p searches every screen and "
    "action by name; escape goes back."
)


class HelpScreen(Dialog[None]):
    SIZE = "report"
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(f"Help: {under.title or 'Touchstone'}")
        self.under = under

    def content(self) -> ComposeResult:
        if about := getattr(self.under, "HELP", ""):
            yield Static(about, classes="dialog-note")
        yield Static(GENERAL, classes="dialog-note")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Does")
        seen = set()
        for active in self.under.active_bindings.values():
            binding = active.binding
            if binding.show and binding.description and binding.action not in seen and active.enabled:
                seen.add(binding.action)
                table.add_row(self.app.get_key_display(binding), binding.description)
