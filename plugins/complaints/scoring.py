"""Justified complaints count against the staff member complained about and against the
unit (its whole subtree): one score component each, its weight taken from the unit's
settings so the breakdown shows how much every justified complaint costs. The core folds
staff components into the customer-manager scorecard's capped adjustments as well.

A complaint counts in the period in which it was found justified (its resolution).
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from core.sdk import HookContext, Period, ScoreComponent, Staff, StaffSnapshot, UnitRef
from plugins.complaints.access import where_enabled
from plugins.complaints.models import WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.schemas import ComplaintSettings

KEY = f"{NAME}.justified"


def _justified_in(period: Period) -> sa.ColumnElement[bool]:
    return sa.and_(
        WorkOrder.justified.is_(True), WorkOrder.resolved_at >= period.start, WorkOrder.resolved_at < period.end
    )


def _component(count: int, weight: int, label: str) -> ScoreComponent:
    return ScoreComponent(
        key=KEY,
        label=f"{label} ({count})",
        value=Decimal(count),
        weight=Decimal(weight),
        points=Decimal(count * weight),
        source=NAME,
    )


async def staff_components(ctx: HookContext, staff: StaffSnapshot, period: Period) -> list[ScoreComponent]:
    settings: ComplaintSettings = await ctx.settings_for(NAME, staff.unit)
    count = (
        await ctx.session.execute(
            sa.select(sa.func.count())
            .select_from(WorkOrder)
            .where(
                _justified_in(period),
                WorkOrder.staff_id == sa.select(Staff.id).where(Staff.public_id == staff.id).scalar_subquery(),
            )
        )
    ).scalar_one()
    return [_component(count, settings.staff_points_per_justified, "Justified complaints against this member of staff")]


async def unit_components(ctx: HookContext, unit: UnitRef, period: Period) -> list[ScoreComponent]:
    settings: ComplaintSettings = await ctx.settings_for(NAME, unit)
    count = (
        await ctx.session.execute(
            sa.select(sa.func.count())
            .select_from(WorkOrder)
            .where(_justified_in(period), await where_enabled(ctx, unit, WorkOrder.unit_id))
        )
    ).scalar_one()
    return [_component(count, settings.unit_points_per_justified, "Justified complaints in this unit's subtree")]
