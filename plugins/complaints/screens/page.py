"""The base of the plugin's console screens, so each reads in the console's language.

A screen's ``TITLE``, ``HELP`` and key descriptions are class attributes, written before any
language is known, and Textual shows a key's description only as plain text (a lazy string
cannot stand in for it). So they are English source text marked with ``N_`` (the catalogs
extract it) and said through the plugin's own catalog when the screen is built: a console
started in Chinese and one started in English in the same process each read their own.

``AUTO_FOCUS`` names the screen's main widget; the focus goes there once it has loaded (a
widget that shows it is loading cannot hold the focus), so the keys of the screen act on its
highlighted row from the moment it opens.
"""

from __future__ import annotations

import dataclasses

from textual.widget import Widget

from console.sdk import ApiClient, PluginScreen
from plugins.complaints.i18n import _


class ComplaintsScreen(PluginScreen):
    """A screen of the plugin: title, help and keys in the console's language."""

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__(api, unit)
        by_key = self._bindings.key_to_bindings  # Textual's copy of the class's bindings for this screen
        for key, bindings in by_key.items():
            by_key[key] = [
                dataclasses.replace(b, description=_(b.description) if b.description else "") for b in bindings
            ]
        self.title = _(self.TITLE) if self.TITLE else None

    @property
    def help_text(self) -> str:
        """``HELP`` through the plugin's own catalog (the console's is not the plugin's)."""
        return _(self.HELP) if self.HELP else ""

    def on_mount(self) -> None:
        if self.AUTO_FOCUS and (main := self.query(self.AUTO_FOCUS).first()) is not None:
            main.focus()
            self.watch(main, "loading", lambda loading: self.focus_on(main, loading), init=False)

    def focus_on(self, main: Widget, loading: bool) -> None:
        if not loading and self.focused is None and self.is_active:
            main.focus()
