"""Who may reach which work order, and where the plugin is on.

An order belongs to the unit complained about: whoever sees that unit sees the order (an
outlet's staff their outlet's orders, a sub-branch head the subtree, head office all). Acting
on it takes more: the caller must see the *handling* unit, which moves up the tree as the
order is escalated, so an outlet cannot go on deciding what its sub-branch has taken over.
Routes name orders under a unit (``/units/OUT1/complaints/co_…``), so the core's guard
checks the plugin is on there; the order's own unit is checked here as well.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute

from core.sdk import HookContext, NotFound, OutOfScope, PluginDisabled, UnitRef
from plugins.complaints.i18n import _
from plugins.complaints.models import WorkOrder
from plugins.complaints.permissions import NAME


async def order_at(
    ctx: HookContext, unit_code: str, public_id: str, *, for_update: bool = False
) -> tuple[WorkOrder, UnitRef]:
    """The order ``public_id`` of a unit in ``unit_code``'s subtree, and that unit.

    404 when there is no such order there (never revealing one elsewhere), 404
    ``plugin-disabled`` when the plugin is off at the order's own unit.
    """
    scope = await ctx.unit_in_scope(unit_code)
    query = sa.select(WorkOrder).where(WorkOrder.public_id == public_id)
    if for_update and ctx.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    order = (await ctx.session.execute(query)).scalar_one_or_none()
    unit = await ctx.unit_by_id(order.unit_id) if order else None
    if order is None or unit is None or not unit.path.startswith(scope.path):
        raise NotFound(_("no complaint '{id}' at {unit}").format(id=public_id, unit=unit_code))
    if not await ctx.is_enabled(NAME, unit):
        raise PluginDisabled(NAME, unit.code)
    return order, unit


async def handling_unit(ctx: HookContext, order: WorkOrder) -> UnitRef:
    """The unit handling ``order``, if the caller may act for it (403 ``out-of-scope`` if not)."""
    handling = await ctx.unit_by_id(order.handling_unit_id)
    if not ctx.principal.sees(handling):
        raise OutOfScope(
            _("complaint '{id}' is handled at {handling}, above your unit ({unit})").format(
                id=order.public_id, handling=handling.code, unit=ctx.principal.unit.code
            ),
            unit=handling.code,
        )
    return handling


async def where_enabled(
    ctx: HookContext, scope: UnitRef, column: sa.ColumnElement[Any] | InstrumentedAttribute[Any]
) -> sa.ColumnElement[bool]:
    """A filter keeping rows whose unit (``column``) lies in ``scope``'s subtree at a unit
    where the plugin is on: nothing of a unit where it is off shows in lists, reports or
    the sweep. Names the shorter list of units (the ones on, or, network-wide, the ones off)."""
    org = await ctx.org()
    inside = [u.id for u in org.units.values() if u.path.startswith(scope.path)]
    on = [unit_id for unit_id in inside if NAME in org.enabled_at(unit_id)]
    if scope.path.count("/") == 2:  # the root: every unit is inside, so naming the ones off is enough
        off = sorted(set(inside) - set(on))
        if not off:
            return sa.true()
        if len(off) < len(on):
            return column.not_in(off)
    return column.in_(on)
