"""What the client lifecycle hooks do to the perks programme.

* A tier move is remembered: an upgrade grants the new tier's entitlements at once (pro rata
  for the rest of the period where the unit says so), a downgrade keeps the old tier's
  entitlements for the unit's grace period. Quotas are computed from these, never stored.
* An archived client's bookings still to come are cancelled (their quota comes back if the
  client is restored).
* A purged client's personal data held here goes; redemptions stay as anonymous statistics.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from core.sdk import Client, ClientSnapshot, HookContext
from plugins.vip_benefits.access import settings_at
from plugins.vip_benefits.models import CareTask, QuotaGuard, Redemption, TierMove
from plugins.vip_benefits.redemptions import cancel_open_bookings

ARCHIVE_REASON = "client archived"


def rank(ctx: HookContext, tier: str) -> int:
    """A tier's place, 0 the highest (the configured thresholds' order); unknown tiers last."""
    order = [name for name, _ in ctx.thresholds.tiers]
    return order.index(tier) if tier in order else len(order)


async def _client_id(ctx: HookContext, client: ClientSnapshot) -> int:
    return (await ctx.session.execute(sa.select(Client.id).where(Client.public_id == client.id))).scalar_one()


async def tier_changed(ctx: HookContext, client: ClientSnapshot, old_tier: str | None, new_tier: str) -> None:
    """Remember the move with what the client's unit decides about it at this moment."""
    if old_tier is None or old_tier == new_tier:
        return  # a first tier grants its entitlements as they stand
    settings = await settings_at(ctx, client.unit)
    upgrade = rank(ctx, new_tier) < rank(ctx, old_tier)
    ctx.session.add(
        TierMove(
            client_id=await _client_id(ctx, client),
            old_tier=old_tier,
            new_tier=new_tier,
            direction="upgrade" if upgrade else "downgrade",
            moved_at=ctx.now,
            prorated=upgrade and settings.prorate_upgrades,
            grace_until=None if upgrade else ctx.now + dt.timedelta(days=settings.downgrade_grace_days),
        )
    )


async def archived(ctx: HookContext, client: ClientSnapshot) -> None:
    await cancel_open_bookings(ctx, client.id, ARCHIVE_REASON)


async def purged(ctx: HookContext, client: ClientSnapshot) -> None:
    """Notes (free text) and birthday dates go, with the tier history and the lock rows;
    redemptions and care tasks stay, anonymous, so the reports keep adding up."""
    client_id = await _client_id(ctx, client)
    await ctx.session.execute(sa.update(Redemption).where(Redemption.client_id == client_id).values(note=None))
    await ctx.session.execute(sa.update(CareTask).where(CareTask.client_id == client_id).values(due_on=None))
    await ctx.session.execute(sa.delete(TierMove).where(TierMove.client_id == client_id))
    await ctx.session.execute(sa.delete(QuotaGuard).where(QuotaGuard.client_id == client_id))
