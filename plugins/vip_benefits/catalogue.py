"""The perk catalogue: what the bank (or a partner merchant) offers, how it is fulfilled and
when it can be used. The catalogue is network-wide; who gets how much is the entitlements'
business (:mod:`plugins.vip_benefits.entitlements`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from core.sdk import FieldProblem, HookContext, NotFound, china_date, json_ready, require_reason
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.models import Perk
from plugins.vip_benefits.schemas import PerkIn, PerkOut

CENT = Decimal("0.01")
FIELDS = (
    "name",
    "description",
    "provider",
    "merchant_code",
    "merchant_name",
    "fulfilment",
    "active_from",
    "active_until",
    "unit_cost",
    "cancel_window_hours",
)


def is_active(perk: Perk, day: dt.date) -> bool:
    """Whether ``perk`` can be used on local date ``day`` (its window is inclusive)."""
    return (perk.active_from is None or perk.active_from <= day) and (
        perk.active_until is None or day <= perk.active_until
    )


def present(perk: Perk, now: dt.datetime) -> PerkOut:
    return PerkOut(
        code=perk.code,
        name=perk.name,
        description=perk.description,
        provider=perk.provider,
        merchant_code=perk.merchant_code,
        merchant_name=perk.merchant_name,
        fulfilment=perk.fulfilment,
        active_from=perk.active_from,
        active_until=perk.active_until,
        unit_cost=perk.unit_cost,
        cancel_window_hours=perk.cancel_window_hours,
        active_today=is_active(perk, china_date(now)),
    )


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` if they obey the rules a perk's fields obey together (each field's own
    shape is the schema's), with the cost in fen precision."""
    problems = []
    if values["provider"] == "merchant" and not values["merchant_code"]:
        problems.append(("merchant_code", _("a perk provided by a partner merchant names the merchant's code")))
    if values["provider"] == "bank" and (values["merchant_code"] or values["merchant_name"]):
        problems.append(("merchant_code", _("only for perks provided by a partner merchant")))
    if values["active_from"] and values["active_until"] and values["active_until"] < values["active_from"]:
        problems.append(("active_until", _("must not be before active_from")))
    cost = values["unit_cost"]
    if cost is not None and (cost < 0 or cost.as_tuple().exponent < -2):  # type: ignore[operator]
        problems.append(("unit_cost", _("must be zero or more, with at most two decimal places")))
    if problems:
        raise FieldProblem(problems)
    return {**values, "unit_cost": None if cost is None else cost.quantize(CENT)}


async def get(ctx: HookContext, code: str, *, field: str | None = None) -> Perk:
    """The perk ``code``: 404, or 422 naming ``field`` when the code came in a request body."""
    perk = (await ctx.session.execute(sa.select(Perk).where(Perk.code == code))).scalar_one_or_none()
    if perk is None:
        if field:
            raise FieldProblem.one(field, _("no perk '{perk}' in the catalogue").format(perk=code))
        raise NotFound(_("no perk '{perk}' in the catalogue").format(perk=code))
    return perk


async def create(ctx: HookContext, data: PerkIn) -> Perk:
    values = _checked({f: getattr(data, f) for f in FIELDS})
    if (await ctx.session.execute(sa.select(Perk.id).where(Perk.code == data.code))).first():
        raise FieldProblem.one("code", _("'{perk}' is already in the catalogue").format(perk=data.code))
    perk = Perk(code=data.code, created_at=ctx.now, updated_at=ctx.now, **values)
    ctx.session.add(perk)
    await ctx.session.flush()
    ctx.audit(entity="vip_benefits_perk", entity_id=perk.code, action="created", after=json_ready(values))
    return perk


async def update(ctx: HookContext, code: str, changes: dict[str, Any], reason: str) -> Perk:
    reason = require_reason(reason)
    perk = await get(ctx, code)
    before = {f: getattr(perk, f) for f in FIELDS}
    after = _checked({**before, **changes})
    changed = {f: v for f, v in after.items() if before[f] != v}
    if changed:
        for field, value in changed.items():
            setattr(perk, field, value)
        perk.updated_at = ctx.now
        ctx.audit(
            entity="vip_benefits_perk",
            entity_id=perk.code,
            action="updated",
            reason=reason,
            before=json_ready({f: before[f] for f in changed}),
            after=json_ready(changed),
        )
    return perk


def list_query(*, active_on: dt.date | None, provider: str | None) -> sa.Select[Any]:
    query = sa.select(Perk)
    if active_on is not None:
        query = query.where(
            sa.or_(Perk.active_from.is_(None), Perk.active_from <= active_on),
            sa.or_(Perk.active_until.is_(None), Perk.active_until >= active_on),
        )
    if provider is not None:
        query = query.where(Perk.provider == provider)
    return query


def snapshot(perk: Perk) -> dict[str, Any]:
    """The perk as booking notices carry it."""
    return {
        "code": perk.code,
        "name": perk.name,
        "provider": perk.provider,
        "merchant_code": perk.merchant_code,
        "merchant_name": perk.merchant_name,
    }
