"""The base of the plugin's console screens: they read from the plugin's own catalog.

A screen's ``TITLE``, ``HELP`` and key descriptions are English source text marked ``N_``;
:class:`~console.sdk.PluginScreen` says them through :meth:`say` when the screen is built.
"""

from __future__ import annotations

from console.sdk import PluginScreen
from plugins.complaints.i18n import _


class ComplaintsScreen(PluginScreen):
    """A screen of the plugin, in the console's language."""

    def say(self, text: str) -> str:
        return _(text)
