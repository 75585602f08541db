"""The core's own routes, handed to the app through the core's ``register_routes`` hook."""

from __future__ import annotations

from typing import Any


def core_route_handlers() -> list[Any]:
    from core.api.routes import health

    return [*health.HANDLERS]
