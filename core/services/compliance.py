"""Compliance reports: rates by unit (rolled up the tree) × touchpoint × period, open and
overdue nonconformities, and a pilot compared with the rest of the network.

The database does the heavy part — one GROUP BY over the events of the period, by unit,
touchpoint and period bucket — and Python only rolls those groups (at most units ×
touchpoints × buckets) up the cached tree. Periods are cut in China Standard Time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

import msgspec
import sqlalchemy as sa

from core.chinatime import china_date, china_midnight
from core.errors import Conflict
from core.i18n import _
from core.models import (
    Client,
    Nonconformity,
    PilotUnit,
    ServiceEvent,
    StandardVersion,
    Touchpoint,
)
from core.services.standards import version as find_version
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext
    from core.plugins import OrgSnapshot

PeriodKind = Literal["day", "week", "month", "quarter"]


class ComplianceRow(msgspec.Struct):
    unit: str
    unit_name: str
    level: str
    touchpoint: str
    period: dt.date
    events: int
    passed: int
    failed: int
    rate: float | None
    """passed / (passed + failed); events without an applicable control do not count."""


def period_starts(period: PeriodKind, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The UTC instants at which local periods begin, covering ``[start, end)``."""
    day = china_date(start)
    if period == "week":
        day -= dt.timedelta(days=day.weekday())
    elif period == "month":
        day = day.replace(day=1)
    elif period == "quarter":
        day = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    starts = []
    while (moment := china_midnight(day)) < end:
        starts.append(moment)
        if period == "day":
            day += dt.timedelta(days=1)
        elif period == "week":
            day += dt.timedelta(days=7)
        else:
            months = 1 if period == "month" else 3
            day = dt.date(day.year + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1, 1)
    return starts


def bucket(
    starts: list[dt.datetime],
    moment: sa.SQLColumnExpression[dt.datetime] = ServiceEvent.occurred_at,
) -> sa.ColumnElement[Any]:
    """Which period ``moment`` (an event's, by default) falls in, as the index into ``starts``:
    a CASE over the period boundaries, the same SQL on every database and far cheaper per row
    than date functions."""
    if len(starts) == 1:
        return sa.literal(0)
    return sa.case(*[(moment < boundary, i) for i, boundary in enumerate(starts[1:])], else_=len(starts) - 1)


def subtree_ids(org: OrgSnapshot, scope: UnitRef) -> list[int] | None:
    """Unit ids in ``scope``'s subtree, or None when it is the whole network (no filter)."""
    if scope.path.count("/") == 2:
        return None
    return [u.id for u in org.units.values() if u.path.startswith(scope.path)]


def report_units(org: OrgSnapshot, scope: UnitRef, depth: int) -> dict[int, UnitRef]:
    """The units a report shows: ``scope`` and the units ``depth`` levels below it."""
    base = scope.path.count("/")
    return {u.id: u for u in org.units.values() if u.path.startswith(scope.path) and u.path.count("/") - base <= depth}


async def compliance(
    ctx: HookContext,
    scope: UnitRef,
    period: PeriodKind,
    start: dt.datetime,
    end: dt.datetime,
    touchpoint: str | None = None,
    depth: int = 1,
) -> list[ComplianceRow]:
    """Rates for ``scope`` and the units ``depth`` levels below it, each rolled up from its
    whole subtree."""
    org = await ctx.plugins.snapshot(ctx.session)
    std = await ctx.plugins.standards.snapshot(ctx.session)
    starts = period_starts(period, start, end)
    period_start = bucket(starts).label("period")
    passed = sa.func.sum(sa.case((ServiceEvent.outcome == "pass", 1), else_=0))
    failed = sa.func.sum(sa.case((ServiceEvent.outcome == "fail", 1), else_=0))
    query = (
        sa.select(ServiceEvent.unit_id, ServiceEvent.touchpoint_id, period_start, sa.func.count(), passed, failed)
        .where(ServiceEvent.occurred_at >= start, ServiceEvent.occurred_at < end)
        .group_by(ServiceEvent.unit_id, ServiceEvent.touchpoint_id, period_start)
    )
    if (ids := subtree_ids(org, scope)) is not None:
        query = query.where(ServiceEvent.unit_id.in_(ids))
    if touchpoint:
        tp = std.touchpoints.get(touchpoint)
        query = query.where(ServiceEvent.touchpoint_id == (tp.id if tp else -1))
    shown = report_units(org, scope, depth)
    codes = {t.id: t.code for t in std.touchpoints.values()}
    totals: dict[tuple[int, int, dt.date], list[int]] = defaultdict(lambda: [0, 0, 0])
    counts: Iterable[tuple[int, int, int, int, int | None, int | None]] = await ctx.session.execute(query)
    for unit_id, tp_id, index, n, ok, bad in counts:
        unit = org.units.get(unit_id)
        if unit is None:
            continue
        for ancestor in org.ancestry(unit):
            if ancestor.id in shown:
                cell = totals[(ancestor.id, tp_id, china_date(starts[index]))]
                cell[0] += n
                cell[1] += ok or 0
                cell[2] += bad or 0
    rows = []
    for (unit_id, tp_id, when), (n, ok, bad) in totals.items():
        unit = shown[unit_id]
        rows.append(
            ComplianceRow(
                unit=unit.code,
                unit_name=unit.name,
                level=unit.level,
                touchpoint=codes.get(tp_id, "?"),
                period=when,
                events=n,
                passed=ok,
                failed=bad,
                rate=round(ok / (ok + bad), 4) if ok + bad else None,
            )
        )
    return sorted(rows, key=lambda r: (r.period, r.unit.count("-"), r.unit, r.touchpoint))


class NonconformitySummary(msgspec.Struct):
    unit: str
    unit_name: str
    open: int
    overdue: int
    by_severity: dict[str, int]


async def nonconformity_summary(ctx: HookContext, scope: UnitRef, depth: int = 1) -> list[NonconformitySummary]:
    """Open (not yet verified) and overdue nonconformities, rolled up the tree."""
    org = await ctx.plugins.snapshot(ctx.session)
    overdue = sa.func.sum(sa.case((Nonconformity.due_at < ctx.now, 1), else_=0))
    query = (
        sa.select(Nonconformity.unit_id, Nonconformity.severity, sa.func.count(), overdue)
        .where(Nonconformity.status.in_(("open", "action_recorded")))
        .group_by(Nonconformity.unit_id, Nonconformity.severity)
    )
    if (ids := subtree_ids(org, scope)) is not None:
        query = query.where(Nonconformity.unit_id.in_(ids))
    shown = report_units(org, scope, depth)
    sums: dict[int, NonconformitySummary] = {
        u.id: NonconformitySummary(unit=u.code, unit_name=u.name, open=0, overdue=0, by_severity={})
        for u in shown.values()
    }
    for unit_id, severity, n, late in await ctx.session.execute(query):
        for ancestor in org.ancestry(org.units[unit_id]):
            if ancestor.id in sums:
                cell = sums[ancestor.id]
                cell.open += n
                cell.overdue += late or 0
                cell.by_severity[severity] = cell.by_severity.get(severity, 0) + n
    return sorted(sums.values(), key=lambda s: org.by_code[s.unit].path)


class ControlFigure(msgspec.Struct):
    key: str
    name: str
    failed: int
    failure_rate: float | None


class GroupFigures(msgspec.Struct):
    events: int
    passed: int
    failed: int
    rate: float | None
    nonconformities: int
    controls: list[ControlFigure]


class PilotComparison(msgspec.Struct):
    touchpoint: str
    pilot_version: int
    pilot_units: list[str]
    since: dt.datetime
    until: dt.datetime
    pilot: GroupFigures
    rest: GroupFigures
    """Events elsewhere in the same window, judged by the standard in force there."""


async def pilot_comparison(ctx: HookContext, version_public_id: str) -> PilotComparison:
    """The pilot's figures beside the rest of the network's, over the pilot's window."""
    org = await ctx.plugins.snapshot(ctx.session)
    v = await find_version(ctx, version_public_id)
    if v.pilot_started_at is None:
        raise Conflict(_("version {number} was never piloted").format(number=v.number))
    tp = await ctx.session.get(Touchpoint, v.touchpoint_id)
    assert tp is not None
    until = v.published_at or v.retired_at or ctx.now
    pilot_unit_ids = list(
        (await ctx.session.execute(sa.select(PilotUnit.unit_id).where(PilotUnit.version_id == v.id))).scalars()
    )
    inside = {u.id for u in org.units.values() if any(u.path.startswith(org.units[p].path) for p in pilot_unit_ids)}
    window = (
        ServiceEvent.touchpoint_id == tp.id,
        ServiceEvent.occurred_at >= v.pilot_started_at,
        ServiceEvent.occurred_at < until,
    )
    in_pilot = ServiceEvent.unit_id.in_(inside)
    figures = []
    for side in (in_pilot, sa.not_(in_pilot)):
        figures.append(await _figures(ctx, window, side, v))
    return PilotComparison(
        touchpoint=tp.code,
        pilot_version=v.number,
        pilot_units=sorted(org.units[i].code for i in pilot_unit_ids),
        since=v.pilot_started_at,
        until=until,
        pilot=figures[0],
        rest=figures[1],
    )


async def _figures(ctx: HookContext, window: tuple[Any, ...], side: Any, v: StandardVersion) -> GroupFigures:
    passed = sa.func.sum(sa.case((ServiceEvent.outcome == "pass", 1), else_=0))
    failed = sa.func.sum(sa.case((ServiceEvent.outcome == "fail", 1), else_=0))
    n, ok, bad = (await ctx.session.execute(sa.select(sa.func.count(), passed, failed).where(*window, side))).one()
    per_control = dict(
        (
            await ctx.session.execute(
                sa.select(Nonconformity.control_key, sa.func.count())
                .join(ServiceEvent, ServiceEvent.id == Nonconformity.event_id)
                .where(*window, side)
                .group_by(Nonconformity.control_key)
            )
        ).all()
    )
    names = {c["key"]: c["name"] for c in v.controls}
    keys = sorted(names.keys() | per_control.keys())
    return GroupFigures(
        events=n,
        passed=ok or 0,
        failed=bad or 0,
        rate=round((ok or 0) / ((ok or 0) + (bad or 0)), 4) if (ok or 0) + (bad or 0) else None,
        nonconformities=sum(per_control.values()),
        controls=[
            ControlFigure(
                key=k,
                name=names.get(k, k),
                failed=per_control.get(k, 0),
                failure_rate=round(per_control.get(k, 0) / n, 4) if n else None,
            )
            for k in keys
        ],
    )


class FrequencyFigure(msgspec.Struct):
    control: str
    name: str
    tier: str
    period: str
    at_least: int
    periods: int
    clients: int
    """Clients of the tier in scope today."""
    met: int
    """Client-periods in which the client had at least ``at_least`` contacts."""
    rate: float | None
    """``met`` ÷ (clients × periods)."""


async def frequency(
    ctx: HookContext, scope: UnitRef, touchpoint: str, start: dt.datetime, end: dt.datetime
) -> list[FrequencyFigure]:
    """Judge the ``frequency_by_tier`` controls of the touchpoint's published standard: how
    many client-periods had at least the required contacts (e.g. gold clients visited at
    least once a month)."""
    org = await ctx.plugins.snapshot(ctx.session)
    std = await ctx.plugins.standards.snapshot(ctx.session)
    tp = std.touchpoints.get(touchpoint)
    version = std.in_force(tp.id, scope, min(end, ctx.now), org) if tp else None
    if tp is None or version is None:
        return []
    ids = subtree_ids(org, scope)
    figures = []
    for control in version.controls:
        if control["kind"] != "frequency_by_tier":
            continue
        params = control["params"]
        starts = period_starts(params["period"] if params["period"] != "year" else "quarter", start, end)
        in_scope = [Client.unit_id.in_(ids)] if ids is not None else []
        clients = (
            await ctx.session.execute(
                sa.select(sa.func.count())
                .select_from(Client)
                .where(Client.tier == params["tier"], Client.state == "active", *in_scope)
            )
        ).scalar_one()
        per_period = (
            sa.select(ServiceEvent.client_id, bucket(starts).label("p"))
            .join(Client, Client.id == ServiceEvent.client_id)
            .where(
                ServiceEvent.touchpoint_id == tp.id,
                ServiceEvent.occurred_at >= start,
                ServiceEvent.occurred_at < end,
                Client.tier == params["tier"],
                *in_scope,
            )
            .group_by(ServiceEvent.client_id, "p")
            .having(sa.func.count() >= params["at_least"])
        ).subquery()
        met = (await ctx.session.execute(sa.select(sa.func.count()).select_from(per_period))).scalar_one()
        possible = clients * len(starts)
        figures.append(
            FrequencyFigure(
                control=control["key"],
                name=control["name"],
                tier=params["tier"],
                period=params["period"],
                at_least=params["at_least"],
                periods=len(starts),
                clients=clients,
                met=met,
                rate=round(met / possible, 4) if possible else None,
            )
        )
    return figures
