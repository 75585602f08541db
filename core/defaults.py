"""The core's defaults: its routes, jobs and migrations, tiering by assets, the standard
control kinds and the log delivery channel.

These are hook implementations registered through the same entry point as any plugin (name
``core``) and on at every unit. A plugin can replace a default: tier decision with a
``tryfirst`` implementation that answers first, a delivery channel by claiming a topic.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.hookspecs import hookimpl
from core.types import (
    ClientSnapshot,
    ControlKind,
    DeliveryChannel,
    Job,
    MigrationsLocation,
    ScoreComponent,
    TierThresholds,
)


@hookimpl
def register_routes() -> list[Any]:
    from core.api.routes import core_route_handlers

    return core_route_handlers()


@hookimpl
def register_migrations() -> MigrationsLocation:
    from core.migrate import CORE_MIGRATIONS

    return CORE_MIGRATIONS


@hookimpl
def register_jobs() -> list[Job]:
    from core.jobs import core_jobs

    return core_jobs()


@hookimpl
def register_delivery_channels() -> list[DeliveryChannel]:
    from core.jobs.outbox import LOG_CHANNEL

    return [LOG_CHANNEL]


@hookimpl
def register_control_kinds() -> list[ControlKind]:
    from core.controls import CORE_CONTROL_KINDS

    return CORE_CONTROL_KINDS


@hookimpl
def client_score_components(client: ClientSnapshot) -> list[ScoreComponent]:
    """Client value from assets under management and deposits, each at weight 1."""
    return [
        ScoreComponent(key=key, label=label, value=value, weight=Decimal(1), points=value, source="core")
        for key, label, value in (
            ("assets_under_management", "Assets under management (CNY)", client.assets_under_management),
            ("deposits", "Deposits (CNY)", client.deposits),
        )
        if value is not None
    ]


@hookimpl(trylast=True)
def decide_client_tier(client: ClientSnapshot, thresholds: TierThresholds) -> str | None:
    """Retail clients by assets under management against the thresholds; corporate
    clients are tiered by risk and size instead, so no retail tier."""
    if client.kind != "retail":
        return None
    return thresholds.tier_for(client.assets_under_management or Decimal(0))
