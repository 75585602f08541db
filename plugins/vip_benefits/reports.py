"""Reports: redemptions and their cost by perk, tier, unit and period; utilisation (share of
the quota used) by perk, tier and unit.

The database groups (by unit, perk, tier and period bucket, counts and money summed in SQL as
integer fen); Python only rolls those groups up the cached tree to the units shown (the
scope and ``depth`` levels below it, each covering its whole subtree), as the core's
compliance report does. Periods are cut in China Standard Time.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

import msgspec
import sqlalchemy as sa

from core.sdk import (
    CHINA_TZ,
    Client,
    HookContext,
    OrgSnapshot,
    UnitRef,
    china_midnight,
    period_starts,
    subtree_ids,
)
from plugins.vip_benefits.entitlements import every_rule, nearest
from plugins.vip_benefits.models import PERIODS, Perk, Redemption
from plugins.vip_benefits.periods import window

ReportPeriod = Literal["month", "quarter", "year"]
LIVE = Redemption.status != "cancelled"


class RedemptionFigure(msgspec.Struct):
    unit: str
    unit_name: str
    level: str
    perk: str
    tier: str
    period: dt.date
    """The local date the period starts on."""
    redemptions: int
    """Not cancelled."""
    cancelled: int
    companions: int
    cost: Decimal | None
    """The unit cost of the redemptions not cancelled (None when no unit cost was set)."""


class UtilisationFigure(msgspec.Struct):
    unit: str
    unit_name: str
    level: str
    perk: str
    tier: str
    period: str
    window_start: dt.datetime
    window_end: dt.datetime
    clients: int
    """Clients of the tier today, at units whose rule grants the perk."""
    quota: int
    """Their quota in the window (the rules' nominal quota, before grace and pro rata)."""
    used: int
    utilisation: float


def shown_units(org: OrgSnapshot, scope: UnitRef, depth: int) -> dict[int, UnitRef]:
    base = scope.path.count("/")
    return {u.id: u for u in org.units.values() if u.path.startswith(scope.path) and u.path.count("/") - base <= depth}


def within(column: sa.SQLColumnExpression[int], org: OrgSnapshot, scope: UnitRef) -> sa.ColumnElement[bool]:
    """``column`` names a unit of ``scope``'s subtree (no filter at all for the whole network)."""
    ids = subtree_ids(org, scope)
    return sa.true() if ids is None else column.in_(ids)


def starts_of(period: ReportPeriod, since: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
    """The UTC instants local periods begin at, covering ``[since, until)``."""
    if period != "year":
        return period_starts(period, since, until)
    years = range(since.astimezone(CHINA_TZ).year, until.astimezone(CHINA_TZ).year + 1)
    return [moment for year in years if (moment := china_midnight(dt.date(year, 1, 1))) < until]


def _bucket(starts: list[dt.datetime]) -> sa.ColumnElement[Any]:
    if len(starts) == 1:
        return sa.literal(0)
    return sa.case(*[(Redemption.redeemed_at < b, i) for i, b in enumerate(starts[1:])], else_=len(starts) - 1)


async def _perk_codes(ctx: HookContext) -> dict[int, str]:
    return dict((await ctx.session.execute(sa.select(Perk.id, Perk.code))).all())


async def redemptions(
    ctx: HookContext, scope: UnitRef, period: ReportPeriod, since: dt.datetime, until: dt.datetime, depth: int
) -> list[RedemptionFigure]:
    org = await ctx.org()
    starts = starts_of(period, since, until)
    fen = sa.type_coerce(Redemption.unit_cost, sa.BigInteger)
    bucket = _bucket(starts).label("bucket")
    query = (
        sa.select(
            Redemption.unit_id,
            Redemption.perk_id,
            Redemption.tier,
            bucket,
            sa.func.sum(sa.case((LIVE, 1), else_=0)),
            sa.func.sum(sa.case((LIVE, 0), else_=1)),
            sa.func.sum(sa.case((LIVE, Redemption.companions), else_=0)),
            sa.func.sum(sa.case((LIVE, fen), else_=None)),
        )
        .where(Redemption.redeemed_at >= since, Redemption.redeemed_at < until, within(Redemption.unit_id, org, scope))
        .group_by(Redemption.unit_id, Redemption.perk_id, Redemption.tier, bucket)
    )
    shown = shown_units(org, scope, depth)
    totals: dict[tuple[int, int, str, int], list[Any]] = defaultdict(lambda: [0, 0, 0, None])
    sums: Iterable[tuple[int, int, str, int, int, int, int, int | None]] = await ctx.session.execute(query)
    for unit_id, perk_id, tier, index, live, cancelled, companions, cost in sums:
        for ancestor in org.ancestry(org.units[unit_id]):
            if ancestor.id in shown:
                total = totals[(ancestor.id, perk_id, tier, index)]
                total[0], total[1], total[2] = total[0] + live, total[1] + cancelled, total[2] + companions
                total[3] = cost if total[3] is None else total[3] + (cost or 0)
    codes = await _perk_codes(ctx)
    return [
        RedemptionFigure(
            unit=shown[u].code,
            unit_name=shown[u].name,
            level=shown[u].level,
            perk=codes[p],
            tier=tier,
            period=starts[i].astimezone(CHINA_TZ).date(),
            redemptions=live,
            cancelled=cancelled,
            companions=companions,
            cost=None if cost is None else Decimal(cost).scaleb(-2),
        )
        for (u, p, tier, i), (live, cancelled, companions, cost) in sorted(
            totals.items(), key=lambda item: (shown[item[0][0]].path, codes[item[0][1]], item[0][2], item[0][3])
        )
    ]


async def utilisation(ctx: HookContext, scope: UnitRef, at: dt.datetime, depth: int) -> list[UtilisationFigure]:
    """For each perk, tier and kind of period, the quota of the clients entitled to it in the
    window containing ``at``, and what they used of it."""
    org = await ctx.org()
    windows = {period: window(period, at) for period in PERIODS}
    clients = await ctx.session.execute(
        sa.select(Client.unit_id, Client.tier, sa.func.count())
        .where(within(Client.unit_id, org, scope), Client.state.in_(("active", "dormant")), Client.tier.is_not(None))
        .group_by(Client.unit_id, Client.tier)
    )
    in_window = [
        sa.func.sum(sa.case((sa.and_(Redemption.redeemed_at >= w.start, Redemption.redeemed_at < w.end), 1), else_=0))
        for w in windows.values()
    ]
    used_rows = await ctx.session.execute(
        sa.select(Redemption.client_unit_id, Redemption.tier, Redemption.perk_id, *in_window)
        .where(
            LIVE,
            within(Redemption.client_unit_id, org, scope),
            Redemption.redeemed_at >= min(w.start for w in windows.values()),
        )
        .group_by(Redemption.client_unit_id, Redemption.tier, Redemption.perk_id)
    )
    used = {(u, tier, perk): dict(zip(windows, counts, strict=True)) for u, tier, perk, *counts in used_rows}
    rules = await every_rule(ctx)
    in_force = functools.cache(lambda unit: nearest(rules, org.ancestry(unit)))
    shown = shown_units(org, scope, depth)
    totals: dict[tuple[int, int, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for unit_id, tier, count in clients:
        unit = org.units[unit_id]
        for (perk_id, rule_tier), rule in in_force(unit).items():
            if rule_tier != tier or rule.quota == 0:
                continue
            spent = used.get((unit_id, tier, perk_id), {}).get(rule.period, 0)
            for ancestor in org.ancestry(unit):
                if ancestor.id in shown:
                    total = totals[(ancestor.id, perk_id, tier, rule.period)]
                    total[0], total[1], total[2] = total[0] + count, total[1] + count * rule.quota, total[2] + spent
    codes = await _perk_codes(ctx)
    return [
        UtilisationFigure(
            unit=shown[u].code,
            unit_name=shown[u].name,
            level=shown[u].level,
            perk=codes[p],
            tier=tier,
            period=period,
            window_start=windows[period].start,
            window_end=windows[period].end,
            clients=n,
            quota=quota,
            used=spent,
            utilisation=round(spent / quota, 4),
        )
        for (u, p, tier, period), (n, quota, spent) in sorted(
            totals.items(), key=lambda item: (shown[item[0][0]].path, codes[item[0][1]], item[0][2], item[0][3])
        )
    ]
