"""What installed plugins add to the console: screens, dashboard panels and actions on a
client, from their hooks.

The console asks the local plugin manager once at start-up (``register_console_screens``,
``register_console_panels``, ``register_console_client_actions``), stamps each contribution with
its plugin's name, and later keeps only those whose plugin the API says is enabled at the
unit being worked on. A plugin installed here but not on the server never shows: the
server's answer decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import msgspec
import pluggy

from core.plugins import PluginRuntime
from core.types import ClientAction, ConsolePanel, ConsoleScreen


@dataclass(frozen=True)
class Extensions:
    screens: tuple[ConsoleScreen, ...] = field(default=())
    panels: tuple[ConsolePanel, ...] = field(default=())
    client_actions: tuple[ClientAction, ...] = field(default=())

    @classmethod
    def collect(cls, pm: pluggy.PluginManager) -> Extensions:
        runtime = PluginRuntime(pm)
        return cls(
            screens=tuple(
                msgspec.structs.replace(s, plugin=name) for name, s in runtime.collect_flat("register_console_screens")
            ),
            panels=tuple(
                msgspec.structs.replace(p, plugin=name) for name, p in runtime.collect_flat("register_console_panels")
            ),
            client_actions=tuple(
                msgspec.structs.replace(a, plugin=name)
                for name, a in runtime.collect_flat("register_console_client_actions")
            ),
        )

    def screens_for(self, enabled: frozenset[str]) -> list[ConsoleScreen]:
        return [s for s in self.screens if s.plugin in enabled]

    def panels_for(self, enabled: frozenset[str]) -> list[ConsolePanel]:
        return [p for p in self.panels if p.plugin in enabled]

    def client_actions_for(self, plugins: set[str]) -> list[ClientAction]:
        return [a for a in self.client_actions if a.plugin in plugins]
