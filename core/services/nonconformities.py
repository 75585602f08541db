"""Nonconformities: open → corrective action recorded → verified → closed.

A verification that finds the action did not work sends the nonconformity back to open.
Every step records who and when, and is audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from core.errors import NotFound, TransitionNotAllowed, require_reason
from core.i18n import _
from core.models import Nonconformity
from core.services.scope import unit_by_id

if TYPE_CHECKING:
    from core.context import HookContext

NEXT = {"open": ("action_recorded",), "action_recorded": ("verified", "open"), "verified": ("closed",), "closed": ()}


async def get(ctx: HookContext, public_id: str) -> Nonconformity:
    nc = (
        await ctx.session.execute(sa.select(Nonconformity).where(Nonconformity.public_id == public_id))
    ).scalar_one_or_none()
    if nc is None or not ctx.principal.sees(await unit_by_id(ctx, nc.unit_id)):
        raise NotFound(_("no nonconformity '{id}'").format(id=public_id))
    return nc


def _move(nc: Nonconformity, to: str) -> str:
    if to not in NEXT[nc.status]:
        raise TransitionNotAllowed(_("nonconformity"), nc.status, to, NEXT[nc.status])
    before, nc.status = nc.status, to
    return before


async def record_action(ctx: HookContext, public_id: str, action: str) -> Nonconformity:
    action = require_reason(action)
    nc = await get(ctx, public_id)
    before = _move(nc, "action_recorded")
    nc.corrective_action, nc.action_by, nc.action_at = action, ctx.principal.label, ctx.now
    ctx.audit(
        entity="nonconformity",
        entity_id=public_id,
        action="corrective-action",
        unit=await unit_by_id(ctx, nc.unit_id),
        before={"status": before},
        after={"status": nc.status, "corrective_action": action},
    )
    return nc


async def verify(ctx: HookContext, public_id: str, effective: bool, note: str) -> Nonconformity:
    """Check the corrective action: effective → verified; not effective → open again."""
    note = require_reason(note)
    nc = await get(ctx, public_id)
    before = _move(nc, "verified" if effective else "open")
    nc.verified_by, nc.verified_at = (ctx.principal.label, ctx.now) if effective else (None, None)
    ctx.audit(
        entity="nonconformity",
        entity_id=public_id,
        action="verify",
        unit=await unit_by_id(ctx, nc.unit_id),
        before={"status": before},
        after={"status": nc.status},
        reason=note,
    )
    return nc


async def close(ctx: HookContext, public_id: str, note: str) -> Nonconformity:
    note = require_reason(note)
    nc = await get(ctx, public_id)
    before = _move(nc, "closed")
    nc.closed_by, nc.closed_at = ctx.principal.label, ctx.now
    ctx.audit(
        entity="nonconformity",
        entity_id=public_id,
        action="close",
        unit=await unit_by_id(ctx, nc.unit_id),
        before={"status": before},
        after={"status": "closed"},
        reason=note,
    )
    return nc
