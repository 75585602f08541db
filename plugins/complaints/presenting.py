"""Work orders as the API shows them: the queue (one paginated call with each order's SLA
countdowns and escalation level), the figures of a unit's open orders (one counting query,
for the console's dashboard) and the full order with every deadline, step and extension.
The complainant's contact details are masked for roles without ``clients.personal_data``."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from core.sdk import Client, HookContext, Staff, UnitRef
from plugins.complaints.access import where_enabled
from plugins.complaints.books import load_calendar, policy_for
from plugins.complaints.lifecycle import OPEN_STATES
from plugins.complaints.models import Extension, Step, WorkOrder
from plugins.complaints.redating import progress_of
from plugins.complaints.schemas import (
    ContactOut,
    ExtensionOut,
    NextDeadline,
    OrderOut,
    OrderSummary,
    QueueFigures,
    StepOut,
)
from plugins.complaints.sla import deadlines

DUE_SOON = dt.timedelta(hours=24)


def queue_query(
    where: sa.ColumnElement[bool],
    *,
    state: str | None,
    category: str | None,
    severity: str | None,
    handling_unit_id: int | None,
    overdue_at: dt.datetime | None,
) -> sa.Select[WorkOrder, str | None]:
    """Orders passing ``where`` and the filters given, with their client's public id."""
    query = sa.select(WorkOrder, Client.public_id).outerjoin(Client, Client.id == WorkOrder.client_id).where(where)
    for column, value in (
        (WorkOrder.state, state),
        (WorkOrder.category, category),
        (WorkOrder.severity, severity),
        (WorkOrder.handling_unit_id, handling_unit_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if overdue_at is not None:
        query = query.where(WorkOrder.next_due_at < overdue_at)
    return query


async def figures(ctx: HookContext, scope: UnitRef) -> QueueFigures:
    """How the open (not yet closed) orders of ``scope``'s subtree stand now, counted in one query."""
    now = ctx.now

    def counted(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
        return sa.func.count().filter(condition)

    found = (
        await ctx.session.execute(
            sa.select(
                sa.func.count(),
                counted(WorkOrder.next_due_at < now),
                counted(WorkOrder.handling_unit_id != WorkOrder.unit_id),
                counted(WorkOrder.next_due_at.between(now, now + DUE_SOON)),
            ).where(await where_enabled(ctx, scope, WorkOrder.unit_id), WorkOrder.state != "closed")
        )
    ).one()
    return QueueFigures(unit=scope.code, open=found[0], overdue=found[1], escalated=found[2], due_soon=found[3])


def _countdown(key: str, due: dt.datetime, now: dt.datetime, paused_since: dt.datetime | None = None) -> NextDeadline:
    stopped = paused_since or now  # the clock stands still: so does the countdown
    return NextDeadline(
        key=key,
        due_at=due,
        seconds_left=int((due - stopped).total_seconds()),  # type: ignore[arg-type]
        paused=paused_since is not None,
    )


def countdowns(order: WorkOrder, now: dt.datetime) -> tuple[NextDeadline | None, NextDeadline | None]:
    """Time left to the first contact (until it is made) and to the decision (until it is told)."""
    first = None if order.first_contact_at is not None else _countdown("first_contact", order.first_contact_due_at, now)
    decision = (
        _countdown(order.decision_key.split("@")[0], order.decision_due_at, now, order.paused_since)
        if order.state in OPEN_STATES
        else None
    )
    return first, decision


def _next_deadline(first: NextDeadline | None, decision: NextDeadline | None) -> NextDeadline | None:
    """The deadline the order must meet next (the decision's while its clock stands still)."""
    if decision is not None and decision.paused:
        return decision
    running = [c for c in (first, decision) if c is not None]
    return min(running, key=lambda c: c.due_at) if running else None


async def summary(ctx: HookContext, order: WorkOrder, client: str | None) -> OrderSummary:
    unit, handling = await ctx.unit_by_id(order.unit_id), await ctx.unit_by_id(order.handling_unit_id)
    first, decision = countdowns(order, ctx.now)
    return OrderSummary(
        id=order.public_id,
        unit=unit.code,
        handling_unit=handling.code,
        escalation_level=unit.path.count("/") - handling.path.count("/"),
        state=order.state,
        channel=order.channel,
        category=order.category,
        severity=order.severity,  # type: ignore[arg-type]
        serious=order.serious,
        received_at=order.received_at,
        next_deadline=_next_deadline(first, decision),
        first_contact=first,
        decision=decision,
        breached=order.breached_at is not None,
        client=client,
        complainant=ContactOut(
            name=order.complainant_name,
            phone=ctx.mask("phone", order.complainant_phone),
            email=ctx.mask("email", order.complainant_email),
        ),
    )


async def detail(ctx: HookContext, order: WorkOrder) -> OrderOut:
    unit = await ctx.unit_by_id(order.unit_id)
    client = (
        (await ctx.session.execute(sa.select(Client.public_id).where(Client.id == order.client_id))).scalar()
        if order.client_id
        else None
    )
    staff = (
        (await ctx.session.execute(sa.select(Staff.public_id).where(Staff.id == order.staff_id))).scalar()
        if order.staff_id
        else None
    )
    policy = await policy_for(ctx, unit, order.category, order.severity)
    calendar = await load_calendar(ctx.session, order.region)
    steps = (await ctx.session.execute(sa.select(Step).where(Step.order_id == order.id).order_by(Step.id))).scalars()
    extensions = (
        await ctx.session.execute(sa.select(Extension).where(Extension.order_id == order.id).order_by(Extension.id))
    ).scalars()
    return OrderOut(
        summary=await summary(ctx, order, client),
        content=order.content,
        attachments=list(order.attachments),
        staff=staff,
        region=order.region,
        round=order.round,
        paused_seconds=order.paused_seconds,
        intake_event=order.intake_event,
        justified=order.justified,
        apology_given=order.apology_given,
        compensation=order.compensation,
        resolution=order.resolution,
        deadlines=deadlines(progress_of(order), policy, calendar, order.extension_level, ctx.now),
        steps=[
            StepOut(
                at=s.at,
                actor=s.actor,
                action=s.action,
                from_state=s.from_state,
                to_state=s.to_state,
                note=s.note,
                details=s.details,
            )
            for s in steps
        ],
        extensions=[extension_out(e) for e in extensions],
    )


def extension_out(e: Extension) -> ExtensionOut:
    return ExtensionOut(
        id=e.public_id,
        level=e.level,
        round=e.round,
        reason=e.reason,
        requested_by=e.requested_by,
        requested_at=e.requested_at,
        status=e.status,
        decided_by=e.decided_by,  # type: ignore[arg-type]
        decided_at=e.decided_at,
        decision_note=e.decision_note,
    )
