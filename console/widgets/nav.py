"""The line under the header that shows the keys that work on every screen.

The footer shows the keys of the screen in front (at 80 columns there is room for those and
little else); this line shows the console-wide ones: the four main screens (the current one
highlighted), the unit being worked on, plugin screens, help and quitting.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from core.i18n import N_, _

MODES = (
    ("d", N_("Dashboard"), "dashboard"),
    ("o", N_("Organisation"), "organisation"),
    ("s", N_("Standards"), "standards"),
    ("c", N_("Clients"), "clients"),
)
OTHERS = (("u", N_("Choose unit")), ("p", N_("Plugins")), ("?", N_("Help")), ("q", N_("Quit")))


class NavBar(Static):
    DEFAULT_CLASSES = "nav"

    def on_mount(self) -> None:
        """A screen is mounted in the mode it belongs to, which is current then."""
        current = self.app.current_mode
        line = Text()
        for key, label, mode in MODES:
            line.append(key, style="bold reverse")
            line.append(f" {_(label)} ", style="bold underline" if mode == current else "")
        for key, label in OTHERS:
            line.append(key, style="bold reverse")
            line.append(f" {_(label)} ")
        line.rstrip()
        self.update(line)
