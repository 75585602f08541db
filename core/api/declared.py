"""Secure by default: every plugin route declares who may call it, or the app does not start.

A plugin's route either requires a permission (``guards=[requires("acme_lounge.record_visit")]``
on the handler, or on a controller or router above it) or says, visibly, that it answers
without a token: ``opt={"public": True}`` (a survey's page for a client, say). A route that
does neither was most likely forgotten, and an open door into client data is worse than a
plugin that does not load: :func:`refuse_undeclared` stops start-up, naming the plugin and
the route.
"""

from __future__ import annotations

from litestar import Router
from litestar.handlers import HTTPRouteHandler

from core.api.auth import Requires
from core.errors import PluginRefused

PUBLIC = "public"
"""The ``opt`` key of a route declared to answer without a token (``opt={"public": True}``);
the token middleware skips such routes, the enablement guard still applies."""


def declares_access(handler: HTTPRouteHandler) -> bool:
    """Whether ``handler`` (or a controller or router above it) requires a permission or is
    declared public."""
    layers = handler.ownership_layers
    return any(isinstance(guard, Requires) for layer in layers for guard in layer.guards or ()) or any(
        (layer.opt or {}).get(PUBLIC) is True for layer in layers)


def undeclared_routes(router: Router) -> list[str]:
    """``METHOD /path`` of every route in ``router`` that declares neither (the preflight
    ``OPTIONS`` answers Litestar adds are not routes a plugin wrote)."""
    found = []
    for route in router.routes:
        for handler in getattr(route, "route_handlers", ()):
            methods = sorted(handler.http_methods - {"OPTIONS"})
            if methods and not declares_access(handler):
                found.extend(f"{method} {route.path}" for method in methods)
    return found


def refuse_undeclared(plugin: str, router: Router) -> None:
    """Raise :class:`~core.errors.PluginRefused` naming ``plugin`` and each route of its
    ``router`` that declares no permission."""
    if missing := undeclared_routes(router):
        raise PluginRefused(
            f"plugin '{plugin}' has routes that declare no permission: {', '.join(missing)}. "
            f"Guard each with guards=[requires(\"<permission>\")] (core.api.auth), or, for a page "
            f"meant for people without a token, declare it with opt={{\"{PUBLIC}\": True}}.")
