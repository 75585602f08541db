"""The core's own routes, handed to the app through the core's ``register_routes`` hook."""

from __future__ import annotations

from typing import Any


def core_route_handlers() -> list[Any]:
    """Every core route module exposes ``HANDLERS``; this is the one place they are joined."""
    from core.api.routes import (
        audit,
        clients,
        events,
        health,
        outbox,
        plugins,
        reports,
        scores,
        staff,
        standards,
        tiers,
        tokens,
        units,
    )

    return [
        handler
        for module in (
            health,
            units,
            staff,
            plugins,
            clients,
            standards,
            events,
            reports,
            tiers,
            scores,
            tokens,
            audit,
            outbox,
        )
        for handler in module.HANDLERS
    ]
