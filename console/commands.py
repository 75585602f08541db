"""The command palette (ctrl+p): every screen, every action of the screen in front, and the
screens of plugins enabled at the current unit, found by typing part of their name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from console.app import TouchstoneConsole

SCREENS = (
    ("dashboard", "Dashboard", "compliance by unit, nonconformities, tiers, plugin figures"),
    ("organisation", "Organisation", "the tree, plugins on/off per unit, staff"),
    ("standards", "Touchpoint standards", "drafts, pilots, publishing, diffs, TOML"),
    ("clients", "Clients", "search, the 360° view, history with reasons"),
)
Entry = tuple[str, Callable[[], Any], str]


class ConsoleCommands(Provider):
    def entries(self) -> list[Entry]:
        app = cast("TouchstoneConsole", self.app)
        if not app.ready or app.unit is None:
            return []
        found: list[Entry] = [(f"Go to {title}", partial(app.switch_mode, mode), help) for mode, title, help in SCREENS]
        found += [
            (f"{s.title} ({s.plugin})", partial(app.open_plugin_screen, s), f"plugin screen at {app.unit.code}")
            for s in app.plugin_screens()
        ]
        found.append(("Choose the unit to work on", app.action_choose_unit, f"now {app.unit.name} {app.unit.code}"))
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.description and binding.show and active.enabled and binding.group is None:
                found.append(
                    (
                        binding.description,
                        partial(app.run_action, binding.action, active.node),
                        f"key {app.get_key_display(binding)}",
                    )
                )
        return found

    async def discover(self) -> Hits:
        for name, command, help in self.entries():
            yield DiscoveryHit(name, command, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help in self.entries():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), command, help=help)
