"""Where routes are mounted: the core's under ``/api/v1``, each plugin's under
``/api/v1/plugins/<name>`` behind its enablement guard (:mod:`core.api.enablement`).

The app mounts what :func:`mounted` returns, and the conformance check
(:mod:`core.api.conformance`) inspects the same routers, so what is checked is what serves.
"""

from __future__ import annotations

from litestar import Router

from core.api.enablement import plugin_enabled_guard
from core.hookspecs import CORE_PLUGIN
from core.plugins import PluginRuntime

API_PREFIX = "/api/v1"


def mount_path(plugin: str) -> str:
    return f"{API_PREFIX}/plugins/{plugin}"


def mounted(runtime: PluginRuntime) -> list[tuple[str, Router]]:
    """``(owner, router)`` for every ``register_routes`` implementation."""
    routers = []
    for plugin, handlers in runtime.collect("register_routes"):
        if plugin == CORE_PLUGIN:
            routers.append((plugin, Router(path=API_PREFIX, route_handlers=handlers)))
        else:
            routers.append(
                (
                    plugin,
                    Router(
                        path=mount_path(plugin),
                        route_handlers=handlers,
                        guards=[plugin_enabled_guard(plugin)],
                        tags=[f"plugin: {plugin}"],
                    ),
                )
            )
    return routers
