"""Which plugins a test's app and services load: every installed one, or a set it names.

A plugin set lists installed plugins by name (their entry-point names, e.g. ``"acme_lounge"``)
and extra objects to register as plugins, as ``(name, object)`` pairs (a recorder of hook
calls, a plugin defined in the test). The core's defaults are always loaded. ``None`` means
every installed plugin, as discovery finds them in production.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence
from typing import Protocol

import pluggy
from litestar import Litestar

from core.hookspecs import CORE_PLUGIN
from core.plugins import ENTRY_POINT_GROUP, create_plugin_manager

PluginSet = Sequence[str | tuple[str, object]]


class AppFactory(Protocol):
    """What the ``make_app`` fixture is: ``make_app()`` with the test's plugin set, or
    ``make_app(plugins=[...])``."""

    def __call__(self, plugins: PluginSet | None = ...) -> Litestar: ...


def installed_plugins() -> list[str]:
    """The names of the installed plugins (the core's defaults aside), sorted."""
    names = {ep.name for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}
    return sorted(names - {CORE_PLUGIN})


def plugin_manager_for(plugins: PluginSet | None = None) -> pluggy.PluginManager:
    """A plugin manager with exactly ``plugins`` (and the core's defaults): installed ones are
    discovered as in production, the others stay blocked. An unknown name is refused."""
    if plugins is None:
        return create_plugin_manager()
    names = {p for p in plugins if isinstance(p, str)}
    installed = installed_plugins()
    if unknown := sorted(names - set(installed)):
        raise LookupError(f"no installed plugin named {', '.join(unknown)} "
                          f"(installed: {', '.join(installed) or 'none'})")
    extra = [p for p in plugins if not isinstance(p, str)]
    return create_plugin_manager(plugins=extra, blocked=[name for name in installed if name not in names])
