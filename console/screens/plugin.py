"""The base of a plugin's console screen.

A plugin's ``register_console_screens`` hands the console a factory; the console calls it
as ``factory(api, unit)`` for a unit where the plugin is on and pushes the screen it returns.
Subclass :class:`PluginScreen`, yield the content from ``body()`` and load through
``self.api`` (your routes under ``/plugins/<name>``, with ``unit=self.unit``): the header,
the console-wide keys, the footer and escape-to-go-back come with it.
"""

from __future__ import annotations

from console.api import ApiClient
from console.screens.base import SubPage


class PluginScreen(SubPage):
    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__()
        self.plugin_api = api
        self.unit = unit

    @property
    def api(self) -> ApiClient:  # type: ignore[override]
        return self.plugin_api
