"""The base of the programme's console screens: they read from the programme's own catalog.

A screen's ``TITLE``, ``HELP`` and key descriptions are English source text marked ``N_``;
:class:`~console.sdk.PluginScreen` says them through :meth:`say` when the screen is built.
"""

from __future__ import annotations

from console.sdk import PluginScreen
from plugins.vip_benefits.i18n import _


class PerksScreen(PluginScreen):
    """A screen of the programme, in the console's language."""

    def say(self, text: str) -> str:
        return _(text)
