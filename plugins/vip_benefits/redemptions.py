"""Redeeming and booking perks, and cancelling them.

A redemption is checked (client, perk, unit, booking time, companions), then the client's
lock on the perk is taken, what was used in the window is counted and, if quota is left, the
redemption is written together with its service event on the perk-redemption touchpoint, its
audit entry and (for a booking) the notice to the provider: all in the request's unit of work,
so either everything is durable or nothing is. A redemption belongs to the unit that served
it: who sees that unit sees it.
"""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa

from core.sdk import (
    Client,
    Conflict,
    EventIn,
    FieldProblem,
    HookContext,
    NotFound,
    OrgUnit,
    TransitionNotAllowed,
    UnitRef,
    china_date,
    in_subtree,
    new_public_id,
    require_reason,
)
from plugins.vip_benefits import catalogue, quota
from plugins.vip_benefits.access import NAME, TOUCHPOINT, require_enabled
from plugins.vip_benefits.i18n import _, lazy_gettext
from plugins.vip_benefits.models import Perk, Redemption
from plugins.vip_benefits.schemas import Redeemed, RedemptionIn, RedemptionOut

BOOKING_TOPIC = f"{NAME}.booking"
OPEN = ("booked", "redeemed")
SERVED_STATES = ("active", "dormant")


class QuotaExhausted(Conflict):
    slug, title = "quota-exhausted", lazy_gettext("Quota used up")


def present(r: Redemption, client: str, perk: str, unit: str) -> RedemptionOut:
    return RedemptionOut(
        id=r.public_id,
        client=client,
        perk=perk,
        unit=unit,
        status=r.status,
        tier=r.tier,
        companions=r.companions,
        scheduled_for=r.scheduled_for,
        voucher_code=r.voucher_code,
        note=r.note,
        unit_cost=r.unit_cost,
        redeemed_at=r.redeemed_at,
        redeemed_by=r.redeemed_by,
        cancel_deadline=r.cancel_deadline,
        cancelled_at=r.cancelled_at,
        cancel_reason=r.cancel_reason,
        event=r.event_id,
    )


def _check_request(ctx: HookContext, data: RedemptionIn, client: Client, perk: Perk) -> None:
    problems = []
    if client.state not in SERVED_STATES:
        problems.append(("client", _("a client in state '{state}' cannot redeem perks").format(state=client.state)))
    if not catalogue.is_active(perk, china_date(ctx.now)):
        problems.append(("perk", _("'{perk}' is outside its active window").format(perk=perk.name)))
    if perk.fulfilment == "booking":
        if data.scheduled_for is None:
            problems.append(("scheduled_for", _("'{perk}' is booked: say when for").format(perk=perk.name)))
        elif data.scheduled_for.tzinfo is None:
            problems.append(("scheduled_for", _("give a time zone (e.g. 2026-12-01T10:00:00+08:00)")))
        elif data.scheduled_for <= ctx.now:
            problems.append(("scheduled_for", _("must lie in the future")))
    elif data.scheduled_for is not None:
        problems.append(
            (
                "scheduled_for",
                _("'{perk}' is not booked ({fulfilment})").format(perk=perk.name, fulfilment=perk.fulfilment),
            )
        )
    if problems:
        raise FieldProblem(problems)


async def redeem(ctx: HookContext, data: RedemptionIn) -> Redeemed:
    client = await ctx.client(data.client)  # 404 outside the caller's subtree
    home = await ctx.unit_by_id(client.unit_id)
    await require_enabled(ctx, home)
    unit = await ctx.unit_in_scope(data.unit) if data.unit else home
    await require_enabled(ctx, unit)
    perk = await catalogue.get(ctx, data.perk, field="perk")
    _check_request(ctx, data, client, perk)
    granted = (await quota.allowances(ctx, client, home, [perk.id]))[0].get(perk.id)
    if granted is None or granted.quota == 0:
        raise FieldProblem.one(
            "perk",
            _("tier '{tier}' has no '{perk}' entitlement at {unit}").format(
                tier=client.tier, perk=perk.name, unit=home.code
            ),
        )
    if data.companions > granted.rule.companions:
        raise FieldProblem.one(
            "companions",
            _("at most {count} companions with '{perk}'").format(count=granted.rule.companions, perk=perk.name),
        )
    await quota.lock(ctx, client.id, perk.id)
    used = await quota.used(ctx, client.id, perk.id, granted.window)
    if used >= granted.quota:
        raise QuotaExhausted(
            _("'{perk}' is used up for this period ({used} of {quota})").format(
                perk=perk.name, used=used, quota=granted.quota
            ),
            quota=granted.quota,
            used=used,
            window_end=granted.window.end.isoformat(),
        )
    scheduled_for = data.scheduled_for.astimezone(dt.UTC) if data.scheduled_for else None
    redemption = Redemption(
        public_id=new_public_id("rd"),
        client_id=client.id,
        perk_id=perk.id,
        unit_id=unit.id,
        client_unit_id=home.id,
        tier=client.tier or "",
        status="booked" if perk.fulfilment == "booking" else "redeemed",
        companions=data.companions,
        scheduled_for=scheduled_for,
        note=data.note,
        unit_cost=perk.unit_cost,
        voucher_code=secrets.token_hex(6).upper() if perk.fulfilment == "voucher" else None,
        redeemed_at=ctx.now,
        redeemed_by=ctx.principal.label,
        cancel_deadline=_deadline(ctx.now, perk, scheduled_for),
        event_id=await _record_event(ctx, data, client, perk, unit),
    )
    ctx.session.add(redemption)
    await ctx.session.flush()
    out = present(redemption, client.public_id, perk.code, unit.code)
    ctx.audit(
        entity="vip_benefits_redemption",
        entity_id=redemption.public_id,
        action=redemption.status,
        unit=unit,
        after={
            "client": client.public_id,
            "perk": perk.code,
            "companions": data.companions,
            "scheduled_for": scheduled_for.isoformat() if scheduled_for else None,
        },
    )
    if redemption.status == "booked":
        await _notify(ctx, out, perk, unit)
    return Redeemed(
        redemption=out, quota=granted.quota, used=used + 1, left=granted.quota - used - 1, window_end=granted.window.end
    )


def _deadline(now: dt.datetime, perk: Perk, scheduled_for: dt.datetime | None) -> dt.datetime:
    """Until when a cancellation gives the quota back: the perk's window after redeeming,
    and never after a booking's own time."""
    deadline = now + dt.timedelta(hours=perk.cancel_window_hours)
    return min(deadline, scheduled_for) if scheduled_for else deadline


async def _record_event(ctx: HookContext, data: RedemptionIn, client: Client, perk: Perk, unit: UnitRef) -> str:
    """The redemption as a service event, so the touchpoint's standard (if published) judges
    the desk's measurements (the perk and the companions are the redemption's own record)."""
    item = EventIn(
        touchpoint=TOUCHPOINT,
        unit=unit.code,
        occurred_at=ctx.now,
        client=client.public_id,
        staff=ctx.principal.id if ctx.principal.kind == "staff" else None,
        measurements=data.measurements,
    )
    accepted, rejected = await ctx.record_events([item])
    if rejected:
        raise FieldProblem([(p.field, p.message) for p in rejected[0].reasons])
    return accepted[0].id


async def _notify(ctx: HookContext, out: RedemptionOut, perk: Perk, unit: UnitRef) -> None:
    """Tell the provider (the bank's desk or a partner merchant) of a booking or its cancellation."""
    await ctx.enqueue(
        BOOKING_TOPIC,
        f"vip-booking:{out.id}:{out.status}",
        {
            "redemption": out.id,
            "status": out.status,
            "client": out.client,
            "unit": unit.code,
            "scheduled_for": out.scheduled_for,
            "companions": out.companions,
            "perk": catalogue.snapshot(perk),
        },
        unit=unit,
        client=out.client,
    )


async def find(ctx: HookContext, public_id: str) -> tuple[Redemption, str, Perk, UnitRef]:
    """A redemption served in the caller's subtree, at a unit where the programme is on."""
    row = (
        await ctx.session.execute(
            sa.select(Redemption, Client.public_id, Perk)
            .join(Client, Client.id == Redemption.client_id)
            .join(Perk, Perk.id == Redemption.perk_id)
            .where(Redemption.public_id == public_id)
        )
    ).one_or_none()
    unit = await ctx.unit_by_id(row[0].unit_id) if row else None
    if row is None or unit is None or not ctx.principal.sees(unit):
        raise NotFound(_("no redemption '{id}'").format(id=public_id))
    await require_enabled(ctx, unit)
    return row[0], row[1], row[2], unit


async def cancel(ctx: HookContext, public_id: str, reason: str) -> RedemptionOut:
    """Cancel within the window: the redemption stops counting, so the quota is back."""
    reason = require_reason(reason)
    redemption, client, perk, unit = await find(ctx, public_id)
    if redemption.status in OPEN and ctx.now > redemption.cancel_deadline:
        raise TransitionNotAllowed(_("redemption"), redemption.status, "cancelled", [])
    return await _cancel(ctx, redemption, client, perk, unit, reason)


async def _cancel(
    ctx: HookContext, redemption: Redemption, client: str, perk: Perk, unit: UnitRef, reason: str
) -> RedemptionOut:
    """One atomic step (a twin request finds it already cancelled), audited, notified."""
    before = redemption.status
    done = await ctx.session.execute(
        sa.update(Redemption)
        .where(Redemption.id == redemption.id, Redemption.status.in_(OPEN))
        .values(status="cancelled", cancelled_at=ctx.now, cancelled_by=ctx.principal.label, cancel_reason=reason)
        .returning(Redemption.id)
        .execution_options(synchronize_session=False)
    )
    if done.first() is None:
        raise TransitionNotAllowed(_("redemption"), "cancelled", "cancelled", [])
    await ctx.session.refresh(redemption)
    ctx.audit(
        entity="vip_benefits_redemption",
        entity_id=redemption.public_id,
        action="cancelled",
        unit=unit,
        before={"status": before},
        after={"status": "cancelled"},
        reason=reason,
    )
    out = present(redemption, client, perk.code, unit.code)
    if redemption.scheduled_for is not None:
        await _notify(ctx, out, perk, unit)
    return out


async def cancel_open_bookings(ctx: HookContext, client_public_id: str, reason: str) -> int:
    """Cancel a client's bookings still to come (an archived client will not come); their
    window does not matter, the bank cancels them."""
    rows = (
        await ctx.session.execute(
            sa.select(Redemption, Perk)
            .join(Perk, Perk.id == Redemption.perk_id)
            .join(Client, Client.id == Redemption.client_id)
            .where(
                Client.public_id == client_public_id, Redemption.status == "booked", Redemption.scheduled_for > ctx.now
            )
        )
    ).all()
    for redemption, perk in rows:
        await _cancel(ctx, redemption, client_public_id, perk, await ctx.unit_by_id(redemption.unit_id), reason)
    return len(rows)


def list_query(
    scope: UnitRef, *, client: str | None, perk: str | None, status: str | None
) -> sa.Select[Redemption, str, str, str]:
    """Redemptions served in ``scope``'s subtree, with client id, perk code and unit code."""
    query = (
        sa.select(Redemption, Client.public_id, Perk.code, OrgUnit.code)
        .join(Client, Client.id == Redemption.client_id)
        .join(Perk, Perk.id == Redemption.perk_id)
        .join(OrgUnit, OrgUnit.id == Redemption.unit_id)
        .where(in_subtree(scope))
    )
    for column, value in ((Client.public_id, client), (Perk.code, perk), (Redemption.status, status)):
        if value is not None:
            query = query.where(column == value)
    return query
