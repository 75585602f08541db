"""Extending a decision deadline, as the rule since 2020 allows: a complex case to 30 days on
the handling unit's own decision; a particularly complex one by a further 30 only with the
approval of a principal at the level above the handling unit (head office, for an order
already handled there). Each extension records its reason and approver, re-dates the order
and queues a notice telling the client, delivered after commit by the outbox.
"""

from __future__ import annotations

import sqlalchemy as sa

from core.sdk import (
    Client,
    Conflict,
    Forbidden,
    HookContext,
    NotFound,
    TransitionNotAllowed,
    UnitRef,
    new_public_id,
    require_reason,
)
from plugins.complaints import journal
from plugins.complaints.access import handling_unit, order_at
from plugins.complaints.books import load_calendar, policy_for
from plugins.complaints.calendar import due_day
from plugins.complaints.i18n import _
from plugins.complaints.lifecycle import OPEN_STATES
from plugins.complaints.models import Extension, WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.redating import progress_of, store
from plugins.complaints.sla import DECISION_KEYS

NOTICE_TOPIC = f"{NAME}.client_notice"


async def request(ctx: HookContext, unit_code: str, public_id: str, reason: str) -> Extension:
    """Extend the order's decision deadline one level: granted at once for the first
    extension, waiting for approval from the level above for the further one."""
    reason = require_reason(reason)
    order, unit = await order_at(ctx, unit_code, public_id, for_update=True)
    await handling_unit(ctx, order)
    level = order.extension_level + 1
    policy = await policy_for(ctx, unit, order.category, order.severity)
    if order.state not in OPEN_STATES:
        raise Conflict(
            _("complaint '{id}' is {state}: its decision has been given").format(id=public_id, state=order.state)
        )
    if order.paused_since is None and ctx.now > order.decision_due_at:
        raise Conflict(
            _("the decision deadline passed at {due}; an extension must be decided before it").format(
                due=order.decision_due_at.isoformat()
            )
        )
    if level > 2 or (level == 2 and policy.further_days == 0):
        raise Conflict(_("complaint '{id}' has every extension its policy allows").format(id=public_id))
    pending = (
        await ctx.session.execute(
            sa.select(Extension.public_id).where(
                Extension.order_id == order.id, Extension.round == order.round, Extension.status == "pending"
            )
        )
    ).first()
    if pending:
        raise Conflict(_("extension '{id}' is waiting for approval").format(id=pending[0]), extension=pending[0])
    extension = Extension(
        public_id=new_public_id("cx"),
        order_id=order.id,
        round=order.round,
        level=level,
        reason=reason,
        requested_by=ctx.principal.label,
        requested_at=ctx.now,
        status="pending",
    )
    ctx.session.add(extension)
    await ctx.session.flush()
    if level == 1:
        await _grant(ctx, order, unit, extension, note="")
    else:
        journal.record(
            ctx,
            order,
            unit,
            action="extension_requested",
            from_state=order.state,
            details={"extension": extension.public_id, "level": level},
            reason=reason,
        )
    return extension


async def _pending(ctx: HookContext, order: WorkOrder, extension_id: str) -> Extension:
    extension = (
        await ctx.session.execute(
            sa.select(Extension).where(Extension.public_id == extension_id, Extension.order_id == order.id)
        )
    ).scalar_one_or_none()
    if extension is None:
        raise NotFound(
            _("no extension '{id}' on complaint '{complaint}'").format(id=extension_id, complaint=order.public_id)
        )
    if extension.status != "pending":
        raise TransitionNotAllowed(_("extension"), extension.status, "decided", [])
    if extension.round != order.round or order.state not in OPEN_STATES:
        raise Conflict(
            _("extension '{id}' lapsed: the decision it was asked for has been given").format(id=extension_id)
        )
    return extension


async def _check_approver(ctx: HookContext, order: WorkOrder, extension: Extension) -> None:
    handling = await ctx.unit_by_id(order.handling_unit_id)
    above = ctx.principal.sees(handling) and (ctx.principal.unit.id != handling.id or handling.path.count("/") == 2)
    if not above:
        raise Forbidden(
            _("a further extension for {unit} is approved at the level above it").format(unit=handling.code)
        )
    if extension.requested_by == ctx.principal.label:
        raise Forbidden(_("the approver of an extension cannot be the one who asked for it"))


async def decide(
    ctx: HookContext, unit_code: str, public_id: str, extension_id: str, *, approve: bool, note: str
) -> Extension:
    """Approve or reject a further extension (a rejection needs a reason, given as ``note``)."""
    order, unit = await order_at(ctx, unit_code, public_id, for_update=True)
    extension = await _pending(ctx, order, extension_id)
    await _check_approver(ctx, order, extension)
    if approve:
        await _grant(ctx, order, unit, extension, note=note)
    else:
        note = require_reason(note)
        extension.status, extension.decided_by, extension.decided_at = "rejected", ctx.principal.label, ctx.now
        extension.decision_note = note
        journal.record(
            ctx,
            order,
            unit,
            action="extension_rejected",
            from_state=order.state,
            details={"extension": extension.public_id, "level": extension.level},
            reason=note,
        )
    return extension


async def _grant(ctx: HookContext, order: WorkOrder, unit: UnitRef, extension: Extension, *, note: str) -> None:
    extension.status, extension.decided_by, extension.decided_at = "approved", ctx.principal.label, ctx.now
    extension.decision_note = note or None
    order.extension_level = extension.level
    policy = await policy_for(ctx, unit, order.category, order.severity)
    store(order, progress_of(order), policy, await load_calendar(ctx.session, order.region))
    journal.record(
        ctx,
        order,
        unit,
        action="extended",
        from_state=order.state,
        note=note,
        reason=extension.reason,
        details={
            "extension": extension.public_id,
            "deadline": DECISION_KEYS[extension.level],
            "due_at": order.decision_due_at,
            "approved_by": ctx.principal.label,
        },
    )
    client, phone = await _addressee(ctx, order)
    await ctx.enqueue(
        NOTICE_TOPIC,
        f"complaints-extension:{extension.public_id}",
        {
            "order": order.public_id,
            "kind": "extension",
            "phone": phone,
            "due_on": due_day(order.decision_due_at).isoformat(),
            "message": f"您的投诉（编号{order.public_id}）情况较为复杂，处理期限延长至"
            f"{due_day(order.decision_due_at):%Y年%m月%d日}，我们将尽快给您答复。",
        },
        unit=unit,
        client=client,
    )


async def _addressee(ctx: HookContext, order: WorkOrder) -> tuple[str | None, str | None]:
    """Whose notice it is (the client's public id, so purging them wipes it) and where it
    goes: the contact phone given at intake, else the client's own."""
    if order.client_id is None:
        return None, order.complainant_phone
    client, phone = (
        await ctx.session.execute(sa.select(Client.public_id, Client.phone).where(Client.id == order.client_id))
    ).one()
    return client, order.complainant_phone or phone
