"""Re-tiering: every retail client's tier re-derived from assets under management.

Set-based in the database: one ``INSERT … SELECT`` writes a history entry for each client
that moves, one ``UPDATE`` moves them, both with the same ``CASE`` over the thresholds, so a
million clients cost two statements. Only when a plugin switched on somewhere wants to hear
of each move (``client_tier_changed``) or decides tiers itself (``decide_client_tier``) does
the job walk the movers in batches of :data:`BATCH` and fire the hooks. Running it twice
moves no one the second time.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.context import HookContext, JobContext
from core.hookspecs import CORE_PLUGIN
from core.i18n import _
from core.models import Client, ClientHistory
from core.services import clients
from core.services.scope import unit_by_id
from core.types import TierThresholds

BATCH = 1000
REASON = "re-tiering"


def tier_case(thresholds: TierThresholds) -> sa.Case[Any]:
    """The tier for a client's assets, in SQL (amounts are stored as integer fen)."""
    assets = sa.func.coalesce(sa.type_coerce(Client.assets_under_management, sa.BigInteger), 0)
    return sa.case(
        *[(assets >= int(floor * 100), tier) for tier, floor in thresholds.tiers[:-1]], else_=thresholds.tiers[-1][0]
    )


def retail_in_book() -> sa.ColumnElement[bool]:
    """The clients re-tiering looks at: retail, neither archived nor purged."""
    return sa.and_(Client.kind == "retail", Client.state.not_in(("archived", "purged")))


def movers(thresholds: TierThresholds) -> sa.ColumnElement[bool]:
    target = tier_case(thresholds)
    return sa.and_(retail_in_book(), sa.or_(Client.tier.is_(None), Client.tier != target))


async def _plugins_listen(job: JobContext) -> bool:
    """Whether a plugin that hears of tier moves or decides tiers is switched on at some unit:
    an installed plugin switched on nowhere (the usual case for a bundled one) must not cost
    the whole network the per-client walk."""
    listeners = {
        impl.plugin_name
        for name in ("client_tier_changed", "decide_client_tier")
        for impl in getattr(job.plugins.pm.hook, name).get_hookimpls()
    } - {CORE_PLUGIN}
    if not listeners:
        return False
    async with job.unit_of_work() as ctx:
        switches = (await job.plugins.snapshot(ctx.session)).switches
    return any(on and plugin in listeners for unit in switches.values() for plugin, on in unit.items())


async def retier(job: JobContext) -> str:
    thresholds = job.settings.thresholds
    if await _plugins_listen(job):
        moved = await _with_hooks(job, thresholds)
    else:
        moved = await _set_based(job, thresholds)
    return _("retier: {count} clients changed tier").format(count=moved)


def _history_json(dialect: str, before: Any, after: Any) -> Any:
    if dialect == "postgresql":
        return sa.func.jsonb_build_array(sa.func.jsonb_build_object("field", "tier", "before", before, "after", after))
    return sa.func.json_array(sa.func.json_object("field", "tier", "before", before, "after", after))


async def _set_based(job: JobContext, thresholds: TierThresholds) -> int:
    async with job.unit_of_work() as ctx:
        dialect = ctx.session.get_bind().dialect.name
        target = tier_case(thresholds)
        history = sa.select(
            Client.id,
            sa.literal(job.now, ClientHistory.at.type),
            sa.literal("system:touchstone"),
            sa.literal("tier"),
            sa.literal(REASON),
            _history_json(dialect, Client.tier, target),
        ).where(movers(thresholds))
        await ctx.session.execute(
            sa.insert(ClientHistory).from_select(["client_id", "at", "actor", "action", "reason", "changes"], history)
        )
        result = await ctx.session.execute(
            sa.update(Client)
            .where(movers(thresholds))
            .values(tier=target, updated_at=job.now)
            .execution_options(synchronize_session=False)
        )
        moved = result.rowcount  # type: ignore[attr-defined]
        examined = (await ctx.session.execute(sa.select(sa.func.count()).where(retail_in_book()))).scalar_one()
        job.tally(examined=examined, changed=moved)
        ctx.audit(
            entity="client",
            entity_id="*",
            action="retier",
            reason=REASON,
            after={"moved": moved, "thresholds": {t: str(f) for t, f in thresholds.tiers}},
        )
    return moved


async def _with_hooks(job: JobContext, thresholds: TierThresholds) -> int:
    """Batches of clients, each tier decided by the hook and each move announced."""
    moved, after_id = 0, 0
    while True:
        async with job.unit_of_work() as ctx:
            batch = (
                (
                    await ctx.session.execute(
                        sa.select(Client).where(retail_in_book(), Client.id > after_id).order_by(Client.id).limit(BATCH)
                    )
                )
                .scalars()
                .all()
            )
            if not batch:
                return moved
            after_id = batch[-1].id
            moved_now = sum([await _move_one(ctx, client) for client in batch])
            moved += moved_now
            job.tally(examined=len(batch), changed=moved_now)
            job.progress(_("{count} moved, up to client #{last}").format(count=moved, last=after_id))


async def _move_one(ctx: HookContext, client: Client) -> int:
    snapshot = await clients.snapshot(ctx, client)
    new = await clients.decide_tier(ctx, snapshot)
    if new is None or new == client.tier:
        return 0
    old, client.tier, client.updated_at = client.tier, new, ctx.now
    ctx.session.add(
        ClientHistory(
            client_id=client.id,
            at=ctx.now,
            actor=ctx.principal.label,
            action="tier",
            reason=REASON,
            changes=[{"field": "tier", "before": old, "after": new}],
        )
    )
    await ctx.plugins.call(
        "client_tier_changed",
        ctx,
        await unit_by_id(ctx, client.unit_id),
        client=await clients.snapshot(ctx, client),
        old_tier=old,
        new_tier=new,
        reason=REASON,
    )
    return 1
