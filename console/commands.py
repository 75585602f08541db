"""The command palette (ctrl+p): every screen, every action of the screen in front, and the
screens of plugins enabled at the current unit, found by typing part of their name (in the
console's language: ``标准`` finds the standards screen, ``发布`` the publish action)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from core.i18n import N_, _

if TYPE_CHECKING:
    from console.app import TouchstoneConsole

SCREENS = (
    ("dashboard", N_("Dashboard"), N_("compliance by unit, nonconformities, tiers, plugin figures")),
    ("organisation", N_("Organisation"), N_("the tree, plugins on/off per unit, staff")),
    ("standards", N_("Touchpoint standards"), N_("drafts, pilots, publishing, diffs, TOML")),
    ("clients", N_("Clients"), N_("search, the 360° view, history with reasons")),
)
Entry = tuple[str, Callable[[], Any], str]


class ConsoleCommands(Provider):
    def entries(self) -> list[Entry]:
        app = cast("TouchstoneConsole", self.app)
        if not app.ready or app.unit is None:
            return []
        here = f"{app.unit.name} {app.unit.code}"
        found: list[Entry] = [
            (_("Go to {screen}").format(screen=_(title)), partial(app.switch_mode, mode), _(about))
            for mode, title, about in SCREENS
        ]
        found += [
            (
                f"{s.title} ({s.plugin})",
                partial(app.open_plugin_screen, s),
                _("plugin screen at {unit}").format(unit=here),
            )
            for s in app.plugin_screens()
        ]
        found.append((_("Choose the unit to work on"), app.action_choose_unit, _("now {unit}").format(unit=here)))
        seen = {"switch_mode", "choose_unit", "command_palette"}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            name = binding.action.partition("(")[0]
            if binding.description and active.enabled and binding.action not in seen and name != "switch_mode":
                seen.add(binding.action)
                found.append(
                    (
                        binding.description,
                        partial(app.run_action, binding.action, active.node),
                        _("key {key}").format(key=app.get_key_display(binding)),
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
