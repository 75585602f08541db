"""Keeping an order's stored due dates true to its progress, its policy and the calendar.

Every change an order's deadlines depend on ends here: a step (through :func:`store`), an
extension, a policy set or cleared, a holiday added or removed (through
:func:`redate_open`, batch by batch over the open orders concerned), a new version of the
counting rule itself (through :func:`redate_stale`, which the SLA sweep runs first, so an
upgraded database is re-dated before anything is escalated on a stale date). The SLA sweep
and the queue then work on the stored columns in SQL.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from core.sdk import HookContext
from plugins.complaints.books import Calendars, PolicyBook
from plugins.complaints.calendar import COUNTING_RULE, Calendar
from plugins.complaints.lifecycle import OPEN_STATES, Progress, policy_changed
from plugins.complaints.models import WorkOrder
from plugins.complaints.sla import DueDates, Policy, due_dates

BATCH = 500
_PROGRESS_FIELDS = Progress.__struct_fields__
_DUE_FIELDS = DueDates.__struct_fields__


def progress_of(order: WorkOrder) -> Progress:
    return Progress(**{field: getattr(order, field) for field in _PROGRESS_FIELDS})


def store(order: WorkOrder, progress: Progress, policy: Policy, calendar: Calendar) -> None:
    """Write ``progress`` to ``order`` with the due dates it now has."""
    for field in _PROGRESS_FIELDS:
        setattr(order, field, getattr(progress, field))
    dates = due_dates(progress, policy, calendar, order.extension_level)
    for field in _DUE_FIELDS:
        setattr(order, field, getattr(dates, field))
    order.counting_rule = COUNTING_RULE


async def redate_open(ctx: HookContext, *conditions: sa.ColumnElement[bool], at: dt.datetime) -> int:
    """Re-date every open order matching ``conditions`` under today's policies and calendars.

    A policy that no longer stops the clock while waiting closes the pause in progress at
    ``at`` and keeps the time stopped so far (:func:`~plugins.complaints.lifecycle.policy_changed`).
    Returns how many orders were re-dated.
    """
    calendars = Calendars(ctx.session)
    book, done, last = None, 0, 0
    while True:
        orders = (
            (
                await ctx.session.execute(
                    sa.select(WorkOrder)
                    .where(WorkOrder.state.in_(OPEN_STATES), WorkOrder.id > last, *conditions)
                    .order_by(WorkOrder.id)
                    .limit(BATCH)
                )
            )
            .scalars()
            .all()
        )
        if not orders:
            return done
        book = book or await PolicyBook.load(ctx)  # only when there is something to re-date
        for order in orders:
            policy, _ = book.resolve(await ctx.unit_by_id(order.unit_id), order.category, order.severity)
            progress = policy_changed(progress_of(order), at, clock_stops=policy.clock_stops_while_waiting)
            store(order, progress, policy, await calendars.get(order.region))
        await ctx.session.flush()
        done, last = done + len(orders), orders[-1].id


async def redate_stale(ctx: HookContext, at: dt.datetime) -> int:
    """Re-date the open orders whose due dates an older version of the counting rule gave
    (:data:`~plugins.complaints.calendar.COUNTING_RULE`); none after the first run."""
    return await redate_open(ctx, WorkOrder.counting_rule != COUNTING_RULE, at=at)
