"""Secure by default: every plugin route declares who may call it, or the app does not start.

A plugin's route either requires a permission (``guards=[requires("acme_lounge.record_visit")]``
on the handler, or on a controller or router above it) or says, visibly, that it answers
without a token: ``opt={"public": True}`` (a survey's page for a client, say). A route that
does neither was most likely forgotten, and an open door into client data is worse than a
plugin that does not load: the conformance rule ``permission`` (:mod:`core.api.conformance`)
stops start-up, naming the plugin and the route.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from litestar import Router
from litestar.handlers.base import BaseRouteHandler
from litestar.routes import ASGIRoute, HTTPRoute, WebSocketRoute

from core.api.auth import Requires

PUBLIC = "public"
"""The ``opt`` key of a route declared to answer without a token (``opt={"public": True}``);
the token middleware skips such routes, the enablement guard still applies."""


def requires_a_permission(handler: BaseRouteHandler) -> bool:
    """Whether ``handler`` (or a controller or router above it) requires a permission."""
    return any(isinstance(guard, Requires) for layer in handler.ownership_layers for guard in layer.guards or ())


def effective_opt(handler: BaseRouteHandler) -> dict[str, Any]:
    """``handler``'s ``opt`` as Litestar merges it when the app is built: every layer's, the
    one nearest the handler winning (what the token middleware reads)."""
    opt: dict[str, Any] = {}
    for layer in handler.ownership_layers:
        opt.update(layer.opt or {})
    return opt


def declared_public(handler: BaseRouteHandler) -> bool:
    """Whether ``handler`` is declared public: ``opt={"public": True}`` on it or a layer above."""
    return effective_opt(handler).get(PUBLIC) is True


def declares_access(handler: BaseRouteHandler) -> bool:
    """Whether ``handler`` requires a permission or is declared public."""
    return requires_a_permission(handler) or declared_public(handler)


def routes(router: Router) -> Iterator[tuple[str, BaseRouteHandler]]:
    """``("METHOD /path", handler)`` for every route in ``router``, ``WEBSOCKET`` and ``ASGI``
    ones too (the preflight ``OPTIONS`` answers Litestar adds are not routes a plugin wrote)."""
    for route in router.routes:
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                for method in sorted(handler.http_methods - {"OPTIONS"}):
                    yield f"{method} {route.path}", handler
        elif isinstance(route, WebSocketRoute | ASGIRoute):
            yield f"{'WEBSOCKET' if isinstance(route, WebSocketRoute) else 'ASGI'} {route.path}", route.route_handler


def undeclared_routes(router: Router) -> list[str]:
    """``METHOD /path`` of every route in ``router`` that declares neither."""
    return [route for route, handler in routes(router) if not declares_access(handler)]
