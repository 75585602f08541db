"""Taking a complaint in: checks, the work order with its deadlines, its first step, and the
intake itself recorded as a service event on the ``complaints.intake`` touchpoint, so intake
quality is judged against whatever standard the bank publishes for it (the plugin ships a
default one as TOML; see ``docs/complaints.md``). All in the caller's unit of work.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from core.sdk import (
    Client,
    EventIn,
    FieldProblem,
    HookContext,
    Staff,
    UnitRef,
    new_public_id,
)
from plugins.complaints import journal
from plugins.complaints.books import load_calendar, policy_for
from plugins.complaints.i18n import _
from plugins.complaints.lifecycle import Progress
from plugins.complaints.models import WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.redating import store
from plugins.complaints.schemas import ComplaintSettings, IntakeIn

TOUCHPOINT = f"{NAME}.intake"
SERIOUS_TOPIC = f"{NAME}.serious"
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
EVENT_CHANNELS = {"counter": "branch", "lobby": "branch", "phone": "phone", "e_banking": "e_banking"}
"""Complaint channel → service-event channel (letters and referrals take the touchpoint's)."""


def _received_at(ctx: HookContext, data: IntakeIn) -> dt.datetime:
    received = data.received_at or ctx.now
    if received.tzinfo is None:
        raise FieldProblem.one("received_at", _("give a time zone (e.g. 2026-11-20T09:30:00+08:00)"))
    if received > ctx.now + FUTURE_TOLERANCE:
        raise FieldProblem.one("received_at", _("lies in the future"))
    return received.astimezone(dt.UTC)


async def _staff(ctx: HookContext, public_id: str, unit: UnitRef) -> Staff:
    """The member of staff complained about: someone working on the complained unit's path."""
    staff = (await ctx.session.execute(sa.select(Staff).where(Staff.public_id == public_id))).scalar_one_or_none()
    staff_unit = await ctx.unit_by_id(staff.unit_id) if staff else None
    if (
        staff is None
        or staff_unit is None
        or not (unit.path.startswith(staff_unit.path) or staff_unit.path.startswith(unit.path))
    ):
        raise FieldProblem.one(
            "staff", _("no staff member '{id}' working at or around {unit}").format(id=public_id, unit=unit.code)
        )
    return staff


def _checked(data: IntakeIn, settings: ComplaintSettings, client: Client | None) -> None:
    problems = []
    if data.category not in settings.categories:
        problems.append(("category", _("must be one of {allowed}").format(allowed=", ".join(settings.categories))))
    if client is None and (data.contact is None or not (data.contact.phone or data.contact.email)):
        problems.append(("contact", _("an anonymous complainant needs a phone or an e-mail to be answered")))
    if problems:
        raise FieldProblem(problems)


async def take_in(ctx: HookContext, unit_code: str, data: IntakeIn) -> WorkOrder:
    """A new work order for a complaint about ``unit_code`` (in the caller's scope)."""
    unit = await ctx.unit_in_scope(unit_code)
    settings: ComplaintSettings = await ctx.settings_for(NAME, unit)
    received = _received_at(ctx, data)
    client = await ctx.client(data.client) if data.client else None
    _checked(data, settings, client)
    staff = await _staff(ctx, data.staff, unit) if data.staff else None
    serious = data.category in settings.serious_categories or data.channel in settings.serious_channels
    org = await ctx.org()
    handling = org.ancestry(unit)[0] if serious else unit
    contact = data.contact
    order = WorkOrder(
        public_id=new_public_id("co"),
        unit_id=unit.id,
        handling_unit_id=handling.id,
        client_id=client.id if client else None,
        staff_id=staff.id if staff else None,
        complainant_name=contact.name if contact else None,
        complainant_phone=contact.phone if contact else None,
        complainant_email=contact.email if contact else None,
        channel=data.channel,
        category=data.category,
        severity=data.severity,
        serious=serious,
        content=data.content,
        attachments=list(data.attachments),
        region=settings.region,
        registered_at=ctx.now,
        registered_by=ctx.principal.label,
        extension_level=0,
        first_contact_escalated=False,
    )
    policy = await policy_for(ctx, unit, data.category, data.severity)
    store(
        order,
        Progress(received_at=received, clock_started_at=received),
        policy,
        await load_calendar(ctx.session, settings.region),
    )
    ctx.session.add(order)
    await ctx.session.flush()
    journal.record(
        ctx,
        order,
        unit,
        action="intake",
        from_state=None,
        details={
            "channel": data.channel,
            "category": data.category,
            "severity": data.severity,
            "serious": serious,
            "handling_unit": handling.code,
        },
    )
    order.intake_event = await _record_event(ctx, order, data, client)
    if serious:
        await ctx.enqueue(
            SERIOUS_TOPIC,
            f"complaints-serious:{order.public_id}",
            {
                "order": order.public_id,
                "unit": unit.code,
                "handling_unit": handling.code,
                "category": data.category,
                "channel": data.channel,
                "severity": data.severity,
            },
            unit=handling,
        )
    return order


async def _record_event(ctx: HookContext, order: WorkOrder, data: IntakeIn, client: Client | None) -> str:
    """The intake as a service event of the caller's unit, measured for the intake standard."""
    reachable = bool(order.complainant_phone or order.complainant_email or (client and client.phone))
    measurements = {
        "record_complete": reachable and bool(data.content.strip()),
        "registered_within_h": round((ctx.now - order.received_at).total_seconds() / 3600, 2),
        "told_time_limit": data.told_time_limit,
        "reference_given": data.reference_given,
    }
    item = EventIn(
        touchpoint=TOUCHPOINT,
        unit=ctx.principal.unit.code,
        occurred_at=order.received_at,
        measurements={k: v for k, v in measurements.items() if v is not None},
        staff=ctx.principal.id if ctx.principal.kind == "staff" else None,
        client=data.client,
        channel=EVENT_CHANNELS.get(data.channel),
    )
    accepted, rejected = await ctx.record_events([item], drop_unread=True)  # the bank may have dropped a control
    if rejected:
        raise FieldProblem([(p.field, p.message) for p in rejected[0].reasons])
    return accepted[0].id
