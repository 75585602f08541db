"""Complaint reports by unit (each rolled up from its subtree), category and local period:
complaints per 10,000 clients, median and 90th-percentile hours to first contact and to
resolution, and the SLA breach, justified and reopen rates.

Everything is set-based SQL; Python only names the rows. Orders are joined by equality to
their units' ancestors (a recursive CTE over the tree), so one GROUP BY rolls each report
unit's subtree up and an order meets only the report units above it. Percentiles
are continuous (linear interpolation between the two nearest ranks): PostgreSQL computes
them with ``percentile_cont … WITHIN GROUP``; SQLite, which has no such aggregate, with
window functions (each value's rank and its group's size), keeping the two ranks around the
percentile and interpolating in the outer aggregate. Both give the same figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.sdk import (
    UNIT_LEVELS,
    Client,
    HookContext,
    OrgUnit,
    PeriodKind,
    UnitRef,
    bucket,
    china_date,
    period_starts,
    report_units,
)
from plugins.complaints.access import where_enabled
from plugins.complaints.models import WorkOrder

PERCENTILES = (0.5, 0.9)
HOUR = 3600
Key = tuple[int, int, str | None]
"""Report unit id, period index, category (None: every category)."""


class ReportRow(msgspec.Struct):
    unit: str
    unit_name: str
    level: str
    period: dt.date
    category: str | None
    """None on the row that sums every category."""
    complaints: int
    per_10k_clients: float | None
    first_contact_hours_median: float | None
    first_contact_hours_p90: float | None
    resolution_hours_median: float | None
    resolution_hours_p90: float | None
    breach_rate: float
    justified_rate: float | None
    """Justified among the orders with a decision."""
    reopen_rate: float


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _hours(seconds: Any) -> float | None:
    return None if seconds is None else round(float(seconds) / HOUR, 2)


def lineage() -> sa.CTE:
    """Every unit paired with itself and each of its ancestors (a recursive walk up
    ``parent_id``): orders join it by equality, so each order meets only the few report units
    above it, however many units the report shows."""
    base = sa.select(OrgUnit.id.label("unit_id"), OrgUnit.id.label("ancestor_id")).cte("lineage", recursive=True)
    parent = aliased(OrgUnit)
    return base.union_all(
        sa.select(base.c.unit_id, parent.parent_id)
        .join(parent, parent.id == base.c.ancestor_id)
        .where(parent.parent_id.is_not(None))
    )


class _Frame:
    """The joined rows a report aggregates: each order once per report unit above it."""

    def __init__(self, shown: list[int], starts: list[dt.datetime], filters: list[sa.ColumnElement[bool]]) -> None:
        self.tree = lineage()
        self.report_unit = self.tree.c.ancestor_id
        self.period = bucket(starts, WorkOrder.received_at).label("period")  # grouped by its label
        self.where = [self.report_unit.in_(shown), *filters]

    def groups(self, by_category: bool) -> list[sa.SQLColumnExpression[Any]]:
        return [self.report_unit, self.period, *([WorkOrder.category] if by_category else [])]

    def select(self, *columns: Any) -> sa.Select[Any]:
        return (
            sa.select(*columns)
            .select_from(WorkOrder)
            .join(self.tree, self.tree.c.unit_id == WorkOrder.unit_id)
            .where(*self.where)
        )


def _key(row: Any, by_category: bool) -> Key:
    return row[0], row[1], row[2] if by_category else None


def _how_many(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.sum(sa.case((condition, 1), else_=0))


METRICS = (WorkOrder.first_contact_seconds, WorkOrder.resolution_seconds)
Figures = tuple[int, int, int, int, int, tuple[float | None, ...]]
"""Complaints, breached, decided, justified, reopened; then per metric of :data:`METRICS`
its percentiles of :data:`PERCENTILES`, in hours."""


def _counts(order: Any) -> list[sa.ColumnElement[int]]:
    """The counted figures, over ``order`` (the work order table or a subquery of its columns)."""
    return [
        sa.func.count(),
        _how_many(order.breached_at.is_not(None)),
        sa.func.count(order.justified),
        _how_many(order.justified.is_(True)),
        _how_many(order.round > 0),
    ]


async def _figures(ctx: HookContext, frame: _Frame, by_category: bool) -> dict[Key, Figures]:
    """Every figure of every group in one pass over the frame. PostgreSQL's ``percentile_cont``
    skips NULLs itself; on SQLite each metric's values are ranked within their group (NULLs in
    a partition of their own, so they never take a rank among the values)."""
    groups = frame.groups(by_category)
    if ctx.session.get_bind().dialect.name == "postgresql":
        query = frame.select(
            *groups,
            *_counts(WorkOrder),
            *[sa.func.percentile_cont(p).within_group(metric) for metric in METRICS for p in PERCENTILES],
        )
        rows = await ctx.session.execute(query.group_by(*groups))
    else:
        ranks = []
        for i, metric in enumerate(METRICS):
            ranks += [
                metric.label(f"x{i}"),
                sa.func.row_number().over(partition_by=[*groups, metric.is_(None)], order_by=metric).label(f"r{i}"),
                sa.func.count(metric).over(partition_by=groups).label(f"n{i}"),
            ]
        ranked = frame.select(
            *[g.label(f"g{i}") for i, g in enumerate(groups)],
            WorkOrder.breached_at,
            WorkOrder.justified,
            WorkOrder.round,
            *ranks,
        ).subquery()
        keys = [ranked.c[f"g{i}"] for i in range(len(groups))]
        rows = await ctx.session.execute(
            sa.select(
                *keys,
                *_counts(ranked.c),
                *[
                    _interpolated(ranked.c[f"x{i}"], ranked.c[f"r{i}"], ranked.c[f"n{i}"], p)
                    for i in range(len(METRICS))
                    for p in PERCENTILES
                ],
            ).group_by(*keys)
        )
    width = len(groups) + 5
    return {
        _key(row, by_category): (
            *(int(v or 0) for v in row[len(groups) : width]),  # type: ignore[misc]
            tuple(_hours(v) for v in row[width:]),
        )
        for row in rows
    }


def _interpolated(x: Any, rank: Any, n: Any, p: float) -> sa.ColumnElement[float]:
    """The continuous ``p``-percentile of the ``n`` values ``x`` ranked ``rank`` in a group,
    from the two ranks around position ``1 + p (n - 1)``; NULL when the group has none."""
    position = 1 + p * (n - 1)
    low = sa.cast(position, sa.Integer)  # positions are positive: the cast floors them
    weight = position - low
    return sa.func.sum(
        sa.case((x.is_(None), sa.null()), (rank == low, x * (1 - weight)), (rank == low + 1, x * weight), else_=0)
    )


async def _clients(ctx: HookContext, scope: UnitRef, shown: list[int]) -> dict[int, int]:
    """Active and dormant clients per report unit's subtree (units where the plugin is on)."""
    tree = lineage()
    query = (
        sa.select(tree.c.ancestor_id, sa.func.count(Client.id))
        .select_from(Client)
        .join(tree, tree.c.unit_id == Client.unit_id)
        .where(
            tree.c.ancestor_id.in_(shown),
            Client.state.in_(("active", "dormant")),
            await where_enabled(ctx, scope, Client.unit_id),
        )
        .group_by(tree.c.ancestor_id)
    )
    return dict((await ctx.session.execute(query)).all())


async def report(
    ctx: HookContext,
    scope: UnitRef,
    period: PeriodKind,
    start: dt.datetime,
    end: dt.datetime,
    depth: int = 1,
    category: str | None = None,
) -> list[ReportRow]:
    """Rows for ``scope`` and the units ``depth`` levels below it, per period, per category
    and for every category together, over orders received in ``[start, end)``."""
    org = await ctx.org()
    units = report_units(org, scope, depth)
    starts = period_starts(period, start, end)
    filters = [
        WorkOrder.received_at >= start,
        WorkOrder.received_at < end,
        await where_enabled(ctx, scope, WorkOrder.unit_id),
    ]
    if category is not None:
        filters.append(WorkOrder.category == category)
    frame = _Frame(list(units), starts, filters)
    clients = await _clients(ctx, scope, list(units))
    rows = []
    for by_category in (True, False):
        for key, (n, breached, decided, justified, reopened, hours) in (
            await _figures(ctx, frame, by_category)
        ).items():
            unit = units[key[0]]
            first, resolution = hours[: len(PERCENTILES)], hours[len(PERCENTILES) :]
            rows.append(
                ReportRow(
                    unit=unit.code,
                    unit_name=unit.name,
                    level=unit.level,
                    period=china_date(starts[key[1]]),
                    category=key[2],
                    complaints=n,
                    per_10k_clients=round(n * 10_000 / clients[unit.id], 2) if clients.get(unit.id) else None,
                    first_contact_hours_median=first[0],
                    first_contact_hours_p90=first[1],
                    resolution_hours_median=resolution[0],
                    resolution_hours_p90=resolution[1],
                    breach_rate=round(breached / n, 4),
                    justified_rate=_rate(justified, decided),
                    reopen_rate=round(reopened / n, 4),
                )
            )
    return sorted(rows, key=lambda r: (r.period, UNIT_LEVELS.index(r.level), r.unit, r.category or ""))
