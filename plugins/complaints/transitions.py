"""Moving a work order through its lifecycle on behalf of a person.

The rules of which step may follow which live in :mod:`plugins.complaints.lifecycle`; this
module loads the order (locked on PostgreSQL), checks the caller may act for its handling
unit, applies the step under the policy in force, re-dates the order, notes a deadline met
late as a breach, and records the step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.sdk import FieldProblem, HookContext, require_reason
from plugins.complaints import journal
from plugins.complaints.access import handling_unit, order_at
from plugins.complaints.books import load_calendar, policy_for
from plugins.complaints.lifecycle import Action, step
from plugins.complaints.models import WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.redating import progress_of, store
from plugins.complaints.schemas import ComplaintSettings, ResolveIn


def _seconds(since: dt.datetime, until: dt.datetime) -> int:
    return int((until - since).total_seconds())


def _outcome(order: WorkOrder, action: Action, now: dt.datetime, resolution: ResolveIn | None) -> dict[str, Any]:
    """Record what the step decides on the order; returns the facts worth keeping in the step."""
    if action == "acknowledge":
        order.first_contact_seconds = _seconds(order.received_at, now)
        if now > order.first_contact_due_at:
            order.breached_at = order.breached_at or now
        return {"due_at": order.first_contact_due_at, "late": now > order.first_contact_due_at}
    if action == "resolve" and resolution is not None:
        order.justified, order.apology_given = resolution.justified, resolution.apology_given
        order.compensation, order.resolution = resolution.compensation, resolution.resolution
        if order.resolution_seconds is None:  # time to resolution: the first decision, not a revised one
            order.resolution_seconds = _seconds(order.received_at, now)
        return {
            "justified": resolution.justified,
            "apology_given": resolution.apology_given,
            "compensation": resolution.compensation,
        }
    if action == "reply":
        if now > order.decision_due_at:
            order.breached_at = order.breached_at or now
        return {"due_at": order.decision_due_at, "late": now > order.decision_due_at}
    if action == "reopen":
        order.extension_level = 0  # a new round starts with the plain decision period
    return {}


async def act(
    ctx: HookContext,
    unit_code: str,
    public_id: str,
    action: Action,
    *,
    note: str = "",
    resolution: ResolveIn | None = None,
    reason: str | None = None,
) -> WorkOrder:
    """Apply ``action`` to the order (409 naming the allowed actions when it may not follow).

    A reopening records the client's dispute: it needs a reason, and anyone who sees the
    order may record it; every other step is for the unit handling the order.
    """
    if resolution is not None and (problems := resolution.problems()):
        raise FieldProblem(problems)
    order, unit = await order_at(ctx, unit_code, public_id, for_update=True)
    if action == "reopen":
        reason = require_reason(reason)
    else:
        await handling_unit(ctx, order)
    settings: ComplaintSettings = await ctx.settings_for(NAME, unit)
    policy = await policy_for(ctx, unit, order.category, order.severity)
    before = order.state
    progress = step(
        progress_of(order),
        action,
        ctx.now,
        clock_stops=policy.clock_stops_while_waiting,
        reopen_window=dt.timedelta(days=settings.reopen_window_days),
    )
    facts = _outcome(order, action, ctx.now, resolution)
    store(order, progress, policy, await load_calendar(ctx.session, order.region))
    journal.record(
        ctx,
        order,
        unit,
        action=action,
        from_state=before,
        note=resolution.note if resolution else note,
        details=facts,
        reason=reason,
    )
    return order
