"""Every route refuses a caller without a token (or with an unknown one) with a 401 carrying a
``Bearer`` challenge, and a caller whose roles lack its permission.

The sweep reads the permissions off each route's guards, so a new route is covered the day it
is added; a route without a permission guard fails the sweep unless it is public on purpose.
"""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.api.auth import PUBLIC_PATHS
from core.principal import ROLES
from core.testing import enable


def guarded_routes(app: Litestar) -> list[tuple[str, str, list[str]]]:
    routes = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if route.path in PUBLIC_PATHS or route.path.startswith("/schema"):
                continue
            actions = [
                g.__name__.removeprefix("requires_") for g in handler.guards or () if g.__name__.startswith("requires_")
            ]
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                routes.append((method, route.path, actions))
    return routes


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+):\w+\}", lambda m: "OUT1" if m.group(1) == "unit_code" else "x", path)


async def test_every_core_route_names_a_permission(app: Litestar) -> None:
    routes = guarded_routes(app)
    unguarded = [(m, p) for m, p, actions in routes if not actions and p != "/api/v1/me"]
    assert routes and unguarded == []


async def test_every_route_refuses_a_request_without_a_token(client: AsyncTestClient, app: Litestar) -> None:
    unknown = {"Authorization": "Bearer ts_not-a-token"}
    for method, path, _ in guarded_routes(app):
        response = await client.request(method, concrete(path), json={})
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["www-authenticate"] == 'Bearer realm="touchstone"', (method, path)
        response = await client.request(method, concrete(path), json={}, headers=unknown)
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["www-authenticate"] == 'Bearer realm="touchstone", error="invalid_token"'


async def test_every_route_refuses_a_role_without_its_permission(
    client: AsyncTestClient, app: Litestar, token_for, db, network
) -> None:
    for plugin in app.state.plugins.optional_plugins:  # a plugin's routes are reachable only where it is on
        await enable(db, plugin, network["HO"])
    tokens: dict[str, dict[str, str]] = {}
    checked = 0
    for method, path, actions in guarded_routes(app):
        lacking = [r for r in ROLES if not all(r in app.state.plugins.permissions[a] for a in actions)]
        if not lacking:
            continue  # every role may do this (e.g. read the tree)
        role = lacking[0]
        tokens.setdefault(role, await token_for(role, "HO"))
        response = await client.request(method, concrete(path), json={}, headers=tokens[role])
        assert response.status_code == 403, (method, path, role, response.text)
        assert response.json()["type"].endswith("/forbidden")
        checked += 1
    assert checked >= 15
