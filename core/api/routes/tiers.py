"""The tier distribution of a unit's clients: one GROUP BY over its subtree."""

from __future__ import annotations

import sqlalchemy as sa
from litestar import get
from litestar.params import FromQuery

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.schemas.tiers import TierCount, TierDistribution
from core.models import Client, OrgUnit
from core.services.scope import in_subtree, unit_in_scope

SERVED_STATES = ("prospect", "active", "dormant")


@exportable("tier-distribution", xlsx=True, rows="tiers")
@get(
    "/reports/tiers",
    guards=[requires("reports.read")],
    summary="Clients served in a unit's subtree, by tier (default: the caller's unit)",
)
async def tier_report(ctx: Ctx, unit: FromQuery[str | None] = None) -> TierDistribution:
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    query = (
        sa.select(Client.tier, sa.func.count())
        .join(OrgUnit, OrgUnit.id == Client.unit_id)
        .where(in_subtree(scope), Client.state.in_(SERVED_STATES))
        .group_by(Client.tier)
    )
    counts: dict[str | None, int] = dict((await ctx.session.execute(query)).all())
    configured = [tier for tier, _ in ctx.thresholds.tiers]
    others = sorted(t for t in counts if t is not None and t not in configured)
    order: list[str | None] = [*configured, *others, *([None] if None in counts else [])]
    return TierDistribution(
        unit=scope.code,
        unit_name=scope.name,
        total=sum(counts.values()),
        tiers=[TierCount(tier=t, clients=counts.get(t, 0)) for t in order],
    )


HANDLERS = [tier_report]
