"""The base of a plugin's console screen.

A plugin's ``register_console_screens`` hands the console a factory; the console calls it
as ``factory(api, unit)`` for a unit where the plugin is on and pushes the screen it returns.
Subclass :class:`PluginScreen`, yield the content from ``body()`` and load through
``self.api`` (your routes under ``/plugins/<name>``, with ``unit=self.unit``): the header,
the console-wide keys, the footer and escape-to-go-back come with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from console.api import ApiClient
from console.localised import speak_bindings
from console.screens.base import SubPage


def _as_written(text: str) -> str:
    return text


class PluginScreen(SubPage):
    GETTEXT: ClassVar[Callable[[str], str]] = staticmethod(_as_written)
    """The plugin's own ``gettext`` (its :class:`~core.sdk.Translator`'s): the screen's
    ``TITLE``, ``HELP`` and key descriptions, marked ``N_`` in the plugin, are said through it
    when the screen is built; the keys the console adds (back, export) through the console's."""

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__()
        self.plugin_api = api
        self.unit = unit
        speak_bindings(self, self.GETTEXT)
        if self.TITLE:
            self.title = self.GETTEXT(self.TITLE)

    @property
    def help_text(self) -> str:
        return self.GETTEXT(self.HELP) if self.HELP else ""

    def export_params(self) -> dict[str, Any]:
        """A plugin screen exports for the unit it was opened at."""
        return {"unit": self.unit}

    @property
    def api(self) -> ApiClient:  # type: ignore[override]
        return self.plugin_api
