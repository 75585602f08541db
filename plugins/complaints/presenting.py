"""Work orders as the API shows them: the queue (one paginated call with each order's SLA
countdown and escalation level) and the full order with every deadline, step and extension.
The complainant's contact details are masked for roles without ``clients.personal_data``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from core.context import HookContext
from core.models import Client, Staff
from core.services.masking import mask
from core.services.scope import unit_by_id
from plugins.complaints.books import load_calendar, policy_for
from plugins.complaints.models import Extension, Step, WorkOrder
from plugins.complaints.redating import progress_of
from plugins.complaints.schemas import (
    ContactOut,
    ExtensionOut,
    NextDeadline,
    OrderOut,
    OrderSummary,
    StepOut,
)
from plugins.complaints.sla import deadlines


def queue_query(where: sa.ColumnElement[bool], *, state: str | None, category: str | None, severity: str | None,
                handling_unit_id: int | None, overdue_at: dt.datetime | None) -> sa.Select[Any]:
    """Orders passing ``where`` and the filters given, with their client's public id."""
    query = sa.select(WorkOrder, Client.public_id).outerjoin(Client, Client.id == WorkOrder.client_id).where(where)
    for column, value in ((WorkOrder.state, state), (WorkOrder.category, category), (WorkOrder.severity, severity),
                          (WorkOrder.handling_unit_id, handling_unit_id)):
        if value is not None:
            query = query.where(column == value)
    if overdue_at is not None:
        query = query.where(WorkOrder.next_due_at < overdue_at)
    return query


def _next_deadline(order: WorkOrder, now: dt.datetime) -> NextDeadline | None:
    decision = order.decision_key.split("@")[0]
    if order.paused_since is not None:
        left = order.decision_due_at - order.paused_since  # the clock stands still: so does the countdown
        return NextDeadline(key=decision, due_at=order.decision_due_at, seconds_left=int(left.total_seconds()),  # type: ignore[arg-type]
                            paused=True)
    if order.next_due_at is None:
        return None
    first = order.first_contact_at is None and order.next_due_at == order.first_contact_due_at
    return NextDeadline(key="first_contact" if first else decision, due_at=order.next_due_at,  # type: ignore[arg-type]
                        seconds_left=int((order.next_due_at - now).total_seconds()), paused=False)


async def summary(ctx: HookContext, order: WorkOrder, client: str | None) -> OrderSummary:
    unit, handling = await unit_by_id(ctx, order.unit_id), await unit_by_id(ctx, order.handling_unit_id)
    return OrderSummary(
        id=order.public_id, unit=unit.code, handling_unit=handling.code,
        escalation_level=unit.path.count("/") - handling.path.count("/"),
        state=order.state, channel=order.channel, category=order.category, severity=order.severity,  # type: ignore[arg-type]
        serious=order.serious, received_at=order.received_at, next_deadline=_next_deadline(order, ctx.now),
        breached=order.breached_at is not None, client=client,
        complainant=ContactOut(name=order.complainant_name, phone=mask("phone", order.complainant_phone, ctx.principal),
                               email=mask("email", order.complainant_email, ctx.principal)))


async def detail(ctx: HookContext, order: WorkOrder) -> OrderOut:
    unit = await unit_by_id(ctx, order.unit_id)
    client = (await ctx.session.execute(sa.select(Client.public_id).where(Client.id == order.client_id))).scalar() \
        if order.client_id else None
    staff = (await ctx.session.execute(sa.select(Staff.public_id).where(Staff.id == order.staff_id))).scalar() \
        if order.staff_id else None
    policy = await policy_for(ctx, unit, order.category, order.severity)
    calendar = await load_calendar(ctx.session, order.region)
    steps = (await ctx.session.execute(sa.select(Step).where(Step.order_id == order.id).order_by(Step.id))).scalars()
    extensions = (await ctx.session.execute(sa.select(Extension).where(Extension.order_id == order.id)
                                            .order_by(Extension.id))).scalars()
    return OrderOut(
        summary=await summary(ctx, order, client), content=order.content, attachments=list(order.attachments),
        staff=staff, region=order.region, round=order.round, paused_seconds=order.paused_seconds,
        intake_event=order.intake_event, justified=order.justified, apology_given=order.apology_given,
        compensation=order.compensation, resolution=order.resolution,
        deadlines=deadlines(progress_of(order), policy, calendar, order.extension_level, ctx.now),
        steps=[StepOut(at=s.at, actor=s.actor, action=s.action, from_state=s.from_state, to_state=s.to_state,
                       note=s.note, details=s.details) for s in steps],
        extensions=[extension_out(e) for e in extensions])


def extension_out(e: Extension) -> ExtensionOut:
    return ExtensionOut(id=e.public_id, level=e.level, round=e.round, reason=e.reason, requested_by=e.requested_by,
                        requested_at=e.requested_at, status=e.status, decided_by=e.decided_by,  # type: ignore[arg-type]
                        decided_at=e.decided_at, decision_note=e.decision_note)
