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


def _entry_points() -> dict[str, importlib.metadata.EntryPoint]:
    points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    return {ep.name: ep for ep in points if ep.name != CORE_PLUGIN}


def installed_plugins() -> list[str]:
    """The names of the installed plugins (the core's defaults aside), sorted."""
    return sorted(_entry_points())


def plugin_manager_for(plugins: PluginSet | None = None) -> pluggy.PluginManager:
    """A plugin manager with exactly ``plugins`` and the core's defaults: installed ones
    loaded from their entry points (as discovery loads them), extra objects as they are, no
    other. An unknown name is refused, naming what is installed."""
    if plugins is None:
        return create_plugin_manager()
    points = _entry_points()
    if unknown := sorted(p for p in plugins if isinstance(p, str) and p not in points):
        raise LookupError(
            f"no installed plugin named {', '.join(unknown)} (installed: {', '.join(sorted(points)) or 'none'})"
        )
    chosen = [(p, points[p].load()) if isinstance(p, str) else p for p in plugins]
    return create_plugin_manager(discover=False, plugins=chosen)
