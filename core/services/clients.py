"""Clients: creation, changes with reasons, lifecycle, manager and tier, the 360° view.

Every change is written to the client's history (who, when, why, each field before and
after), audited, and announced through the lifecycle hooks to the plugins enabled at the
client's unit, all in the caller's unit of work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.db.base import json_ready, new_public_id
from core.errors import FieldProblem, NotFound, TransitionNotAllowed, require_reason
from core.i18n import _
from core.models import Client, ClientHistory, OrgUnit, Staff
from core.services.scope import in_subtree, unit_by_id, unit_in_scope
from core.types import (
    ClientSnapshot,
    FieldChange,
    StaffSnapshot,
    UnitRef,
)

if TYPE_CHECKING:
    from core.context import HookContext

LIFECYCLE: dict[str, tuple[str, ...]] = {
    "prospect": ("active", "closed"),
    "active": ("dormant", "closed"),
    "dormant": ("active", "closed"),
    "closed": (),
}
"""State → states a client may move to by an explicit transition (archive/restore aside)."""
ARCHIVABLE = frozenset(LIFECYCLE)
PROFILE_FIELDS = ("name", "id_number", "phone", "email", "address", "birthday")
RETAIL_FIELDS = ("assets_under_management", "deposits")
CORPORATE_FIELDS = ("risk_class", "size")
RISK_CLASSES = ("low", "medium", "high")
SIZES = ("small", "medium", "large")
TIERS = ("private_banking", "gold", "silver", "mass")


def allowed_actions(state: str) -> list[str]:
    """What may happen next to a client in ``state`` (named in 409 answers)."""
    moves = list(LIFECYCLE.get(state, ()))
    if state in ARCHIVABLE:
        moves.append("archived")
    if state == "archived":
        moves.append("restore")
    return moves


def check_segment(kind: str, values: dict[str, Any]) -> None:
    """Retail clients carry assets and deposits; corporate ones risk class and size."""
    problems = []
    wrong = CORPORATE_FIELDS if kind == "retail" else RETAIL_FIELDS
    problems += [
        (f, _("only for corporate clients") if kind == "retail" else _("only for retail clients"))
        for f in wrong
        if values.get(f) is not None
    ]
    for field in RETAIL_FIELDS:
        amount = values.get(field)
        if amount is not None and (amount < 0 or Decimal(amount).as_tuple().exponent < -2):  # type: ignore[operator]
            problems.append((field, _("must be zero or more, with at most two decimal places")))
    if values.get("risk_class") not in (None, *RISK_CLASSES):
        problems.append(("risk_class", _("must be one of {allowed}").format(allowed=", ".join(RISK_CLASSES))))
    if values.get("size") not in (None, *SIZES):
        problems.append(("size", _("must be one of {allowed}").format(allowed=", ".join(SIZES))))
    if problems:
        raise FieldProblem(problems)


async def staff_snapshot(ctx: HookContext, staff: Staff | None) -> StaffSnapshot | None:
    if staff is None:
        return None
    return StaffSnapshot(
        id=staff.public_id,
        employee_no=staff.employee_no,
        name=staff.name,
        roles=tuple(staff.roles),
        unit=await unit_by_id(ctx, staff.unit_id),
        phone=staff.phone,
    )


async def snapshot(ctx: HookContext, client: Client) -> ClientSnapshot:
    manager = await ctx.session.get(Staff, client.manager_id) if client.manager_id else None
    return ClientSnapshot(
        id=client.public_id,
        kind=client.kind,
        name=client.name,
        state=client.state,
        tier=client.tier,  # type: ignore[arg-type]
        unit=await unit_by_id(ctx, client.unit_id),
        manager_id=manager.public_id if manager else None,
        assets_under_management=client.assets_under_management,
        deposits=client.deposits,
        risk_class=client.risk_class,
        size=client.size,
        birthday=client.birthday,
        phone=client.phone,
        id_number=client.id_number,
    )


async def get(ctx: HookContext, public_id: str, *, for_update: bool = False) -> Client:
    """A client in the principal's subtree; 404 for any other (never reveal existence)."""
    query = sa.select(Client).where(Client.public_id == public_id)
    if for_update and ctx.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    client = (await ctx.session.execute(query)).scalar_one_or_none()
    if client is None or client.state == "purged" or not ctx.principal.sees(await unit_by_id(ctx, client.unit_id)):
        raise NotFound(_("no client '{id}'").format(id=public_id))
    return client


async def manager_in_scope(ctx: HookContext, staff_id: str, unit: UnitRef) -> Staff:
    """The customer manager ``staff_id``: active, a customer manager, serving the client's
    part of the tree (their unit contains the client's unit, or the other way round)."""
    staff = (await ctx.session.execute(sa.select(Staff).where(Staff.public_id == staff_id))).scalar_one_or_none()
    if staff is None:
        raise FieldProblem.one("manager", _("no staff member '{id}'").format(id=staff_id))
    staff_unit = await unit_by_id(ctx, staff.unit_id)
    if not staff.active or "customer_manager" not in staff.roles:
        raise FieldProblem.one("manager", _("must be an active customer manager"))
    if not (unit.path.startswith(staff_unit.path) or staff_unit.path.startswith(unit.path)):
        raise FieldProblem.one(
            "manager",
            _("serves {serves}, not the client's unit {unit}").format(serves=staff_unit.code, unit=unit.code),
        )
    return staff


async def _record(ctx: HookContext, client: Client, action: str, reason: str, changes: Sequence[FieldChange]) -> None:
    changes_json = [{"field": c.field, "before": json_ready(c.before), "after": json_ready(c.after)} for c in changes]
    ctx.session.add(
        ClientHistory(
            client_id=client.id,
            at=ctx.now,
            actor=ctx.principal.label,
            action=action,
            reason=reason,
            changes=changes_json,
        )
    )
    ctx.audit(
        entity="client",
        entity_id=client.public_id,
        action=action,
        reason=reason,
        unit=await unit_by_id(ctx, client.unit_id),
        before={c["field"]: c["before"] for c in changes_json},
        after={c["field"]: c["after"] for c in changes_json},
    )


def _apply(client: Client, values: dict[str, Any]) -> list[FieldChange]:
    changes = []
    for field, value in values.items():
        before = getattr(client, field)
        if before != value:
            setattr(client, field, value)
            changes.append(FieldChange(field=field, before=before, after=value))
    return changes


async def create(
    ctx: HookContext,
    *,
    unit_code: str,
    kind: str,
    values: dict[str, Any],
    state: str,
    manager_id: str | None,
    reason: str,
) -> Client:
    reason = require_reason(reason)
    unit = await unit_in_scope(ctx, unit_code)
    if state not in ("prospect", "active"):
        raise FieldProblem.one("state", _("a new client starts as prospect or active"))
    check_segment(kind, values)
    manager = await manager_in_scope(ctx, manager_id, unit) if manager_id else None
    client = Client(
        public_id=new_public_id("cl"),
        kind=kind,
        unit_id=unit.id,
        state=state,
        created_at=ctx.now,
        updated_at=ctx.now,
        manager_id=manager.id if manager else None,
        **values,
    )
    ctx.session.add(client)
    await ctx.session.flush()
    if kind == "retail":
        client.tier = await decide_tier(ctx, await snapshot(ctx, client))
    initial = [
        FieldChange(field=f, before=None, after=v)
        for f, v in {**values, "state": state, "tier": client.tier, "manager": manager_id}.items()
        if v is not None
    ]
    await _record(ctx, client, "created", reason, initial)
    await ctx.plugins.call("client_created", ctx, unit, client=await snapshot(ctx, client), reason=reason)
    return client


async def decide_tier(ctx: HookContext, client: ClientSnapshot) -> str | None:
    """The tier the ``decide_client_tier`` hook gives from the client's score components
    (the core's default applies the thresholds to assets under management)."""
    components = [
        c for items in await ctx.plugins.call("client_score_components", ctx, client.unit, client=client) for c in items
    ]
    return await ctx.plugins.first(
        "decide_client_tier", ctx.session, client.unit, client=client, components=components, thresholds=ctx.thresholds
    )


async def update(ctx: HookContext, public_id: str, values: dict[str, Any], reason: str) -> Client:
    reason = require_reason(reason)
    client = await get(ctx, public_id, for_update=True)
    if client.state == "archived":
        raise TransitionNotAllowed(_("client"), client.state, "updated", ["restore"])
    check_segment(client.kind, values)
    changes = _apply(client, values)
    if changes:
        client.updated_at = ctx.now
        await _record(ctx, client, "updated", reason, changes)
        await ctx.plugins.call(
            "client_updated",
            ctx,
            await unit_by_id(ctx, client.unit_id),
            client=await snapshot(ctx, client),
            changes=changes,
            reason=reason,
        )
    return client


async def transition(ctx: HookContext, public_id: str, to: str, reason: str) -> Client:
    """Move a client along prospect → active ⇄ dormant → closed (409 naming what is allowed)."""
    reason = require_reason(reason)
    client = await get(ctx, public_id, for_update=True)
    if to not in LIFECYCLE.get(client.state, ()):
        raise TransitionNotAllowed(_("client"), client.state, to, allowed_actions(client.state))
    return await _change_state(ctx, client, to, "state", reason)


async def _change_state(ctx: HookContext, client: Client, to: str, action: str, reason: str) -> Client:
    changes = _apply(client, {"state": to})
    client.updated_at = ctx.now
    await _record(ctx, client, action, reason, changes)
    hook = "client_archived" if to == "archived" else "client_updated"
    extra: dict[str, Any] = {} if to == "archived" else {"changes": changes}
    await ctx.plugins.call(
        hook, ctx, await unit_by_id(ctx, client.unit_id), client=await snapshot(ctx, client), reason=reason, **extra
    )
    return client


async def archive(ctx: HookContext, public_id: str, reason: str, retention: dt.timedelta) -> Client:
    """First step of deletion: kept for ``retention``, restorable until the purge job runs."""
    reason = require_reason(reason)
    client = await get(ctx, public_id, for_update=True)
    if client.state not in ARCHIVABLE:
        raise TransitionNotAllowed(_("client"), client.state, "archived", allowed_actions(client.state))
    client.state_before_archive, client.archived_at, client.purge_after = client.state, ctx.now, ctx.now + retention
    return await _change_state(ctx, client, "archived", "archived", reason)


async def restore(ctx: HookContext, public_id: str, reason: str) -> Client:
    reason = require_reason(reason)
    client = await get(ctx, public_id, for_update=True)
    if client.state != "archived":
        raise TransitionNotAllowed(_("client"), client.state, "restore", allowed_actions(client.state))
    target = client.state_before_archive or "active"
    client.state_before_archive = client.archived_at = client.purge_after = None
    return await _change_state(ctx, client, target, "restored", reason)


async def assign_manager(ctx: HookContext, public_id: str, staff_id: str | None, reason: str) -> Client:
    """Change the exclusive customer manager, fire the hook and queue the client's notice."""
    reason = require_reason(reason)
    client = await get(ctx, public_id, for_update=True)
    unit = await unit_by_id(ctx, client.unit_id)
    new = await manager_in_scope(ctx, staff_id, unit) if staff_id else None
    old = await ctx.session.get(Staff, client.manager_id) if client.manager_id else None
    if (old.id if old else None) == (new.id if new else None):
        return client
    client.manager_id, client.updated_at = (new.id if new else None), ctx.now
    await _record(
        ctx,
        client,
        "manager",
        reason,
        [FieldChange(field="manager", before=old.public_id if old else None, after=new.public_id if new else None)],
    )
    sequence = (
        await ctx.session.execute(
            sa.select(sa.func.count())
            .select_from(ClientHistory)
            .where(ClientHistory.client_id == client.id, ClientHistory.action == "manager")
        )
    ).scalar_one()
    if new is not None:
        await ctx.enqueue(
            "client.manager_changed",
            f"client-manager:{client.public_id}:{sequence}",
            {
                "client": client.public_id,
                "phone": client.phone,
                "manager_name": new.name,
                "manager_phone": new.phone,
                "message": f"您好，您的专属客户经理已变更为{new.name}，联系电话{new.phone or ''}。",
            },
            unit=unit,
            client=client.public_id,
        )
    await ctx.plugins.call(
        "client_manager_changed",
        ctx,
        unit,
        client=await snapshot(ctx, client),
        old_manager=await staff_snapshot(ctx, old),
        new_manager=await staff_snapshot(ctx, new),
        reason=reason,
    )
    return client


async def set_tier(ctx: HookContext, public_id: str, tier: str, reason: str) -> Client:
    """A manual tier change (the re-tiering job moves tiers in bulk)."""
    reason = require_reason(reason)
    if tier not in TIERS:
        raise FieldProblem.one("tier", _("must be one of {allowed}").format(allowed=", ".join(TIERS)))
    client = await get(ctx, public_id, for_update=True)
    old = client.tier
    if old == tier:
        return client
    client.tier, client.updated_at = tier, ctx.now
    await _record(ctx, client, "tier", reason, [FieldChange(field="tier", before=old, after=tier)])
    await ctx.plugins.call(
        "client_tier_changed",
        ctx,
        await unit_by_id(ctx, client.unit_id),
        client=await snapshot(ctx, client),
        old_tier=old,
        new_tier=tier,
        reason=reason,
    )
    return client


def search_query(
    ctx: HookContext,
    scope: UnitRef,
    *,
    state: str | None,
    tier: str | None,
    kind: str | None,
    manager_id: int | None,
    q: str | None,
) -> sa.Select[Any]:
    """Clients in ``scope``'s subtree matching the filters (purged ones never listed)."""
    query = (
        sa.select(Client).join(OrgUnit, OrgUnit.id == Client.unit_id).where(in_subtree(scope), Client.state != "purged")
    )
    for column, value in (
        (Client.state, state),
        (Client.tier, tier),
        (Client.kind, kind),
        (Client.manager_id, manager_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if q:
        query = query.where(sa.or_(Client.name.contains(q, autoescape=True), Client.phone == q, Client.public_id == q))
    return query
