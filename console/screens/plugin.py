"""The base of a plugin's console screen.

A plugin's ``register_console_screens`` hands the console a factory; the console calls it
as ``factory(api, unit)`` for a unit where the plugin is on and pushes the screen it returns.
Subclass :class:`PluginScreen`, yield the content from ``body()`` and load through
``self.api`` (your routes under ``/plugins/<name>``, with ``unit=self.unit``): the header,
the console-wide keys, the footer and escape-to-go-back come with it.
"""

from __future__ import annotations

from typing import Any

from console.api import ApiClient
from console.localised import speak_bindings
from console.screens.base import SubPage


class PluginScreen(SubPage):
    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__()
        self.plugin_api = api
        self.unit = unit
        speak_bindings(self, self.say)
        if self.TITLE:
            self.title = self.say(self.TITLE)

    def say(self, text: str) -> str:
        """``text`` through the plugin's own catalog: override it to return your
        :class:`~core.sdk.Translator`'s ``gettext(text)``. The screen's ``TITLE``, ``HELP`` and
        key descriptions, marked ``N_`` in the plugin, are said through it when the screen is
        built; the keys the console adds (back, export) through the console's catalog."""
        return text

    @property
    def help_text(self) -> str:
        return self.say(self.HELP) if self.HELP else ""

    def export_params(self) -> dict[str, Any]:
        """A plugin screen exports for the unit it was opened at."""
        return {"unit": self.unit}

    @property
    def api(self) -> ApiClient:  # type: ignore[override]
        return self.plugin_api
