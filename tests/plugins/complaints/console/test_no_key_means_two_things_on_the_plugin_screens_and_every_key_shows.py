"""A key means one thing on every screen the two bundled plugins add, and none takes a key
the console binds everywhere (``d o s c u p ? q``): walking the app's bindings, the plugin
screens' base and table, and each plugin screen's own, a key bound twice is bound to the same
action. Every key of a plugin screen shows in the footer with a description, in Chinese."""

from __future__ import annotations

from collections import defaultdict

from textual.binding import Binding

from console.app import TouchstoneConsole
from console.screens.plugin import PluginScreen
from console.widgets.paged_table import PagedTable
from core.i18n import _
from plugins.complaints.i18n import translations as complaints
from plugins.complaints.screens import OrderScreen, QueueScreen
from plugins.vip_benefits.i18n import translations as perks
from plugins.vip_benefits.screens import BalanceScreen, CatalogueScreen, EntitlementsScreen

SCREENS = {complaints: (QueueScreen, OrderScreen), perks: (CatalogueScreen, EntitlementsScreen, BalanceScreen)}
SHARED = (TouchstoneConsole, PluginScreen, PagedTable)


def bindings(owner: type) -> list[Binding]:
    return list(Binding.make_bindings(owner.__dict__.get("BINDINGS", [])))


def action(binding: Binding) -> str:
    return binding.action.removeprefix("screen.").removeprefix("app.").replace("pop_screen", "back")


def test_a_key_bound_on_two_plugin_screens_does_the_same_there() -> None:
    actions: dict[str, set[str]] = defaultdict(set)
    for owner in (*SHARED, *(s for screens in SCREENS.values() for s in screens)):
        for binding in bindings(owner):
            actions[binding.key].add(action(binding))
    assert {key: found for key, found in actions.items() if len(found) > 1} == {}


def test_every_key_of_a_plugin_screen_is_in_the_footer_and_said_in_chinese() -> None:
    for translations, screens in SCREENS.items():
        for screen in screens:
            for b in bindings(screen):
                said = translations.gettext(b.description)
                said = said if said != b.description else _(b.description)  # a key the console adds
                assert b.show and said and said != b.description, (screen.__name__, b.key)
