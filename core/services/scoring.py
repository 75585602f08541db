"""Scores that explain themselves: every score is a list of components, each with its raw
value, its weight and the points it adds, so a manager can see why a score is what it is.

* client value: the ``client_score_components`` hook (the core's default: assets under
  management and deposits) and the tier ``decide_client_tier`` gives;
* service quality of a unit or a staff member for a period: the compliance rate of their
  service events (weight 100) plus whatever enabled plugins contribute (complaints, surveys);
* the customer-manager scorecard of the domain brief: targets (marketing 40 + service 20),
  process 40, adjustments ±20, weights configurable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import msgspec
import sqlalchemy as sa

from core.models import ScorecardEntry, ServiceEvent, Staff
from core.services import clients
from core.services import staff as staff_service
from core.services.compliance import subtree_ids
from core.services.scope import unit_by_id
from core.types import Period, ScorecardWeights, ScoreComponent, StaffSnapshot, UnitRef

if TYPE_CHECKING:
    from core.context import HookContext

COMPLIANCE_WEIGHT = Decimal(100)
PROCESS_ITEMS = ("basic_service", "service_quality", "work_planning", "product_knowledge")
TWO = Decimal("0.01")


class ScoreBreakdown(msgspec.Struct):
    subject: str
    period: Period | None
    total: Decimal
    components: list[ScoreComponent]
    tier: str | None = None


def _total(components: list[ScoreComponent]) -> Decimal:
    return sum((c.points for c in components), Decimal(0)).quantize(TWO)


async def _compliance(
    ctx: HookContext, period: Period, *condition: sa.ColumnElement[bool]
) -> tuple[Decimal | None, int]:
    passed = sa.func.sum(sa.case((ServiceEvent.outcome == "pass", 1), else_=0))
    failed = sa.func.sum(sa.case((ServiceEvent.outcome == "fail", 1), else_=0))
    ok, bad = (
        await ctx.session.execute(
            sa.select(passed, failed).where(
                ServiceEvent.occurred_at >= period.start, ServiceEvent.occurred_at < period.end, *condition
            )
        )
    ).one()
    ok, bad = ok or 0, bad or 0
    return (Decimal(ok) / Decimal(ok + bad) if ok + bad else None), ok + bad


def _compliance_component(rate: Decimal | None, judged: int, weight: Decimal, label: str) -> ScoreComponent:
    value = (rate or Decimal(0)).quantize(Decimal("0.0001"))
    return ScoreComponent(
        key="compliance",
        label=f"{label} ({judged} events judged)",
        value=value,
        weight=weight,
        points=(value * weight).quantize(TWO),
        source="core",
    )


async def client_value(ctx: HookContext, public_id: str) -> ScoreBreakdown:
    client = await clients.get(ctx, public_id)
    snapshot = await clients.snapshot(ctx, client)
    components = [
        c
        for items in await ctx.plugins.call("client_score_components", ctx, snapshot.unit, client=snapshot)
        for c in items
    ]
    return ScoreBreakdown(
        subject=public_id,
        period=None,
        total=_total(components),
        components=components,
        tier=await clients.decide_tier(ctx, snapshot),
    )


async def unit_quality(ctx: HookContext, unit: UnitRef, period: Period) -> ScoreBreakdown:
    org = await ctx.plugins.snapshot(ctx.session)
    ids = subtree_ids(org, unit)
    condition = [ServiceEvent.unit_id.in_(ids)] if ids is not None else []
    rate, judged = await _compliance(ctx, period, *condition)
    components = [_compliance_component(rate, judged, COMPLIANCE_WEIGHT, "Compliance with standards")]
    for items in await ctx.plugins.call("unit_score_components", ctx, unit, unit=unit, period=period):
        components.extend(items)
    return ScoreBreakdown(subject=unit.code, period=period, total=_total(components), components=components)


async def staff_snapshot(ctx: HookContext, public_id: str) -> tuple[Staff, StaffSnapshot]:
    member = await staff_service.get(ctx, public_id)
    snapshot = await clients.staff_snapshot(ctx, member)
    assert snapshot is not None
    return member, snapshot


async def staff_quality(ctx: HookContext, public_id: str, period: Period) -> ScoreBreakdown:
    member, snapshot = await staff_snapshot(ctx, public_id)
    rate, judged = await _compliance(ctx, period, ServiceEvent.staff_id == member.id)
    components = [_compliance_component(rate, judged, COMPLIANCE_WEIGHT, "Compliance with standards")]
    for items in await ctx.plugins.call("staff_score_components", ctx, snapshot.unit, staff=snapshot, period=period):
        components.extend(items)
    return ScoreBreakdown(subject=public_id, period=period, total=_total(components), components=components)


async def scorecard(ctx: HookContext, public_id: str, period: Period, weights: ScorecardWeights) -> ScoreBreakdown:
    """Targets (marketing attainment, service compliance), process (assessed items, 0–10)
    and adjustments (manual and from plugins, capped at ± the adjustment points)."""
    member, snapshot = await staff_snapshot(ctx, public_id)
    entries = {
        e.item: e
        for e in (
            await ctx.session.execute(
                sa.select(ScorecardEntry).where(
                    ScorecardEntry.staff_id == member.id,
                    ScorecardEntry.period_start == period.start.date(),
                    ScorecardEntry.period_end == period.end.date(),
                )
            )
        ).scalars()
    }
    attainment = Decimal(entries["marketing"].value) if "marketing" in entries else Decimal(0)
    rate, judged = await _compliance(ctx, period, ServiceEvent.staff_id == member.id)
    process = [Decimal(entries[i].value) for i in PROCESS_ITEMS if i in entries]
    process_avg = sum(process, Decimal(0)) / len(PROCESS_ITEMS) / 10
    components = [
        ScoreComponent(
            key="marketing",
            label="Targets: marketing (actual ÷ target, capped at 100%)",
            value=attainment,
            weight=weights.marketing,
            points=(min(attainment, Decimal(1)) * weights.marketing).quantize(TWO),
            source="assessment",
        ),
        _compliance_component(rate, judged, weights.service, "Targets: service (compliance rate)"),
        ScoreComponent(
            key="process",
            label=f"Process: {', '.join(PROCESS_ITEMS)} (mean of 0–10, {len(process)} assessed)",
            value=process_avg.quantize(Decimal("0.0001")),
            weight=weights.process,
            points=(process_avg * weights.process).quantize(TWO),
            source="assessment",
        ),
    ]
    adjustments: list[ScoreComponent] = []
    if "adjustment" in entries:
        points = Decimal(entries["adjustment"].value)
        adjustments.append(
            ScoreComponent(
                key="adjustment",
                label=f"Adjustment: {entries['adjustment'].note}",
                value=points,
                weight=Decimal(1),
                points=points,
                source="assessment",
            )
        )
    for items in await ctx.plugins.call("staff_score_components", ctx, snapshot.unit, staff=snapshot, period=period):
        adjustments.extend(items)
    raw = sum((c.points for c in adjustments), Decimal(0))
    capped = max(-weights.adjustments, min(weights.adjustments, raw))
    components.extend(adjustments)
    if capped != raw:
        components.append(
            ScoreComponent(
                key="adjustment_cap",
                label=f"Adjustments capped at ±{weights.adjustments}",
                value=raw,
                weight=Decimal(1),
                points=capped - raw,
                source="core",
            )
        )
    return ScoreBreakdown(subject=public_id, period=period, total=_total(components), components=components)


async def assess(ctx: HookContext, public_id: str, period: Period, item: str, value: Decimal, note: str) -> None:
    member, _snapshot = await staff_snapshot(ctx, public_id)
    key = (member.id, period.start.date(), period.end.date(), item)
    entry = (
        await ctx.session.execute(
            sa.select(ScorecardEntry).where(
                ScorecardEntry.staff_id == key[0],
                ScorecardEntry.period_start == key[1],
                ScorecardEntry.period_end == key[2],
                ScorecardEntry.item == item,
            )
        )
    ).scalar_one_or_none()
    before = entry.value if entry else None
    if entry is None:
        entry = ScorecardEntry(
            staff_id=member.id,
            period_start=key[1],
            period_end=key[2],
            item=item,
            value=str(value),
            note=note,
            set_by=ctx.principal.label,
            set_at=ctx.now,
        )
        ctx.session.add(entry)
    else:
        entry.value, entry.note, entry.set_by, entry.set_at = str(value), note, ctx.principal.label, ctx.now
    ctx.audit(
        entity="scorecard_entry",
        entity_id=f"{public_id}:{item}:{key[1]}",
        action="assess",
        unit=await unit_by_id(ctx, member.unit_id),
        before={"value": before},
        after={"value": str(value)},
        reason=note or None,
    )


def period_of(since: dt.datetime, until: dt.datetime) -> Period:
    return Period(start=since.astimezone(dt.UTC), end=until.astimezone(dt.UTC))
