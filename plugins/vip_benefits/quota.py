"""What a client may use: the quota in force per perk, what was used in its window, and the
lock that makes "check and consume" one step.

The quota comes from the rule for the client's tier at the client's unit, adjusted by the
client's latest tier move: after a downgrade the old tier's rule holds until the grace period
ends; after an upgrade in the middle of a period the extra quota may be pro rata. Use is
counted from redemptions that are not cancelled, so a cancellation gives back exactly one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple, TypeVarTuple

import sqlalchemy as sa

from core.sdk import Client, HookContext, UnitRef, upsert
from plugins.vip_benefits.entitlements import Rule, rules_at
from plugins.vip_benefits.models import QuotaGuard, Redemption, TierMove
from plugins.vip_benefits.periods import Window, prorated, window


class Allowance(NamedTuple):
    rule: Rule
    """The rule whose period and companion allowance apply."""
    quota: int
    window: Window
    basis: str
    """``tier``, ``grace`` (a downgrade's old rule kept) or ``pro_rata`` (an upgrade this period)."""


def allowance(current: Rule | None, previous: Rule | None, move: TierMove | None, at: dt.datetime) -> Allowance | None:
    """The quota in force at ``at`` for one perk.

    :param current: the rule for the client's tier now (None: the tier has none).
    :param previous: the rule for the tier of the client's latest move's ``old_tier``.
    :param move: that latest move, if it led to the client's current tier.
    """
    if (
        move is not None
        and move.direction == "downgrade"
        and previous is not None
        and move.grace_until is not None
        and at < move.grace_until
    ):
        kept_is_better = current is None or current.period != previous.period or current.quota < previous.quota
        if kept_is_better:
            return Allowance(previous, previous.quota, window(previous.period, at), "grace")
    if current is None:
        return None
    span = window(current.period, at)
    if move is not None and move.direction == "upgrade" and move.prorated and current.period != "rolling_12_months":
        old = previous.quota if previous is not None and previous.period == current.period else 0
        quota = prorated(old, current.quota, move.moved_at, span)
        if quota != current.quota:
            return Allowance(current, quota, span, "pro_rata")
    return Allowance(current, current.quota, span, "tier")


async def latest_move(ctx: HookContext, client: Client) -> TierMove | None:
    """The client's latest tier move, if it led to the tier the client holds now (a move
    made while the programme was off at the client's unit was never recorded)."""
    move = (
        await ctx.session.execute(
            sa.select(TierMove)
            .where(TierMove.client_id == client.id)
            .order_by(TierMove.moved_at.desc(), TierMove.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    return move if move is not None and move.new_tier == client.tier else None


async def allowances(
    ctx: HookContext, client: Client, unit: UnitRef, perk_ids: list[int] | None = None
) -> tuple[dict[int, Allowance], TierMove | None]:
    """Per perk, the quota in force now for ``client`` under the rules at ``unit`` (the
    client's own), and the tier move that shaped them."""
    move = await latest_move(ctx, client)
    tiers = {t for t in (client.tier, move.old_tier if move else None) if t}
    rules = await rules_at(ctx, unit, tiers=tiers, perk_ids=perk_ids)
    found = {}
    for perk_id in {perk_id for perk_id, _ in rules}:
        current = rules.get((perk_id, client.tier)) if client.tier else None
        previous = rules.get((perk_id, move.old_tier)) if move else None
        if (granted := allowance(current, previous, move, ctx.now)) is not None:
            found[perk_id] = granted
    return found, move


Ts = TypeVarTuple("Ts")


def counted(query: sa.Select[*Ts]) -> sa.Select[*Ts]:
    """Only redemptions that hold quota (not cancelled)."""
    return query.where(Redemption.status != "cancelled")


async def used(ctx: HookContext, client_id: int, perk_id: int, span: Window) -> int:
    query = counted(
        sa.select(sa.func.count())
        .select_from(Redemption)
        .where(
            Redemption.client_id == client_id,
            Redemption.perk_id == perk_id,
            Redemption.redeemed_at >= span.start,
            Redemption.redeemed_at < span.end,
        )
    )
    return (await ctx.session.execute(query)).scalar_one()


async def usage(ctx: HookContext, client_id: int, granted: dict[int, Allowance]) -> Counter[int]:
    """Per perk, the redemptions in its allowance's window (one query for every perk)."""
    if not granted:
        return Counter()
    since = min(a.window.start for a in granted.values())
    rows = await ctx.session.execute(
        counted(
            sa.select(Redemption.perk_id, Redemption.redeemed_at).where(
                Redemption.client_id == client_id, Redemption.redeemed_at >= since
            )
        )
    )
    return Counter(
        perk_id
        for perk_id, at in rows
        if perk_id in granted and granted[perk_id].window.start <= at < granted[perk_id].window.end
    )


async def lock(ctx: HookContext, client_id: int, perk_id: int) -> None:
    """Take the client's lock on one perk until the unit of work ends, in one statement: an
    upsert whose conflict branch updates the guard row, which locks it (PostgreSQL) whether
    this transaction created it or a concurrent one did. A second transaction waits here for
    the first to commit and then counts what it wrote (READ COMMITTED takes a fresh snapshot
    per statement); on SQLite the single writer already serialises redemptions."""
    guard = upsert(ctx.session, QuotaGuard).values(client_id=client_id, perk_id=perk_id)
    await ctx.session.execute(
        guard.on_conflict_do_update(
            index_elements=[QuotaGuard.client_id, QuotaGuard.perk_id], set_={"client_id": guard.excluded.client_id}
        )
    )
