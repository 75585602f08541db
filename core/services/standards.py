"""The touchpoint catalogue and the life of a standard: draft → pilot → published → retired.

Exactly one published version is in force per touchpoint; a pilot version is in force only
at its pilot units and their subtrees, the rest of the network keeping the published one;
publishing a pilot rolls it out network-wide and retires the version before it. Every step
is audited and bumps the ``standards`` generation, so every worker's cache of what is in
force (:mod:`core.services.in_force`) refreshes on its next unit of work.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core import generations
from core.db.base import new_public_id
from core.db.upsert import upsert
from core.errors import (
    Conflict,
    FieldProblem,
    NotFound,
    TransitionNotAllowed,
    require_reason,
)
from core.i18n import _
from core.models import PilotUnit, StandardVersion, Touchpoint
from core.services import in_force, standards_toml
from core.services.scope import unit_in_scope
from core.services.standard_content import StandardContent, check
from core.types import CHANNELS, channel_named

if TYPE_CHECKING:
    from core.context import HookContext
    from core.plugins import PluginRuntime

NEXT: dict[str, tuple[str, ...]] = {
    "draft": ("pilot", "published", "retired"),
    "pilot": ("published", "retired"),
    "published": ("retired",),
    "retired": (),
}


async def touchpoint(ctx: HookContext, code: str) -> Touchpoint:
    found = (await ctx.session.execute(sa.select(Touchpoint).where(Touchpoint.code == code))).scalar_one_or_none()
    if found is None:
        raise NotFound(_("no touchpoint '{code}'").format(code=code))
    return found


async def sync_plugin_touchpoints(session: AsyncSession, plugins: PluginRuntime, now: dt.datetime) -> int:
    """Add the touchpoints plugins contribute (``register_touchpoints``) that the catalogue
    lacks. Safe when several workers start at once: a code already there is left alone."""
    added = 0
    for plugin, spec in plugins.collect_flat("register_touchpoints"):
        result = await session.execute(
            upsert(session, Touchpoint)
            .values(
                code=spec.code,
                name=spec.name,
                channel=channel_named(spec.channel),
                description=spec.description,
                owner=plugin,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["code"])
        )
        added += result.rowcount or 0  # type: ignore[attr-defined]
    if added:
        await generations.bump(session, in_force.GENERATION)
    return added


async def create_touchpoint(ctx: HookContext, *, code: str, name: str, channel: str, description: str) -> Touchpoint:
    if (await ctx.session.execute(sa.select(Touchpoint.id).where(Touchpoint.code == code))).first():
        raise FieldProblem.one("code", _("'{code}' is already a touchpoint").format(code=code))
    tp = Touchpoint(code=code, name=name, channel=channel, description=description, owner="bank", created_at=ctx.now)
    ctx.session.add(tp)
    await ctx.session.flush()
    await generations.bump(ctx.session, in_force.GENERATION)
    ctx.audit(entity="touchpoint", entity_id=code, action="create", after={"name": name, "channel": channel})
    return tp


async def version(ctx: HookContext, public_id: str, *, for_update: bool = False) -> StandardVersion:
    query = sa.select(StandardVersion).where(StandardVersion.public_id == public_id)
    if for_update and ctx.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    found = (await ctx.session.execute(query)).scalar_one_or_none()
    if found is None:
        raise NotFound(_("no standard version '{id}'").format(id=public_id))
    return found


def content_of(v: StandardVersion) -> StandardContent:
    return msgspec.convert(
        {"title": v.title, "outputs": v.outputs, "inputs": v.inputs, "controls": v.controls, "note": v.note},
        StandardContent,
    )


def _store(v: StandardVersion, content: StandardContent) -> None:
    data = msgspec.to_builtins(content)
    v.title, v.outputs, v.inputs, v.controls, v.note = (
        data["title"],
        data["outputs"],
        data["inputs"],
        data["controls"],
        data["note"],
    )


async def current(ctx: HookContext, tp: Touchpoint, status: str) -> StandardVersion | None:
    return (
        await ctx.session.execute(
            sa.select(StandardVersion).where(StandardVersion.touchpoint_id == tp.id, StandardVersion.status == status)
        )
    ).scalar_one_or_none()


async def create_draft(ctx: HookContext, code: str, content: StandardContent | None) -> StandardVersion:
    """A new draft: the given content, or a copy of the version in force (published)."""
    tp = await touchpoint(ctx, code)
    base = await current(ctx, tp, "published")
    if content is None:
        if base is None:
            raise FieldProblem.one(
                "content", _("'{code}' has no published version to copy; give the content").format(code=code)
            )
        content = content_of(base)
    check(content, ctx.plugins.control_kinds)
    number = (
        await ctx.session.execute(
            sa.select(sa.func.coalesce(sa.func.max(StandardVersion.number), 0)).where(
                StandardVersion.touchpoint_id == tp.id
            )
        )
    ).scalar_one() + 1
    v = StandardVersion(
        public_id=new_public_id("sv"),
        touchpoint_id=tp.id,
        number=number,
        status="draft",
        based_on_id=base.id if base else None,
        created_at=ctx.now,
        created_by=ctx.principal.label,
    )
    _store(v, content)
    ctx.session.add(v)
    await ctx.session.flush()
    ctx.audit(
        entity="standard_version",
        entity_id=v.public_id,
        action="draft",
        after={"touchpoint": code, "number": number, **msgspec.to_builtins(content)},
    )
    return v


async def update_draft(ctx: HookContext, public_id: str, content: StandardContent) -> StandardVersion:
    v = await version(ctx, public_id, for_update=True)
    if v.status != "draft":
        raise Conflict(
            _("version {number} is {status}; only a draft can be edited — start a new draft from it").format(
                number=v.number, status=v.status
            )
        )
    check(content, ctx.plugins.control_kinds)
    before = msgspec.to_builtins(content_of(v))
    _store(v, content)
    ctx.audit(
        entity="standard_version",
        entity_id=v.public_id,
        action="edit",
        before=before,
        after=msgspec.to_builtins(content),
    )
    return v


async def _move(ctx: HookContext, v: StandardVersion, to: str, reason: str) -> None:
    if to not in NEXT[v.status]:
        raise TransitionNotAllowed(_("standard version"), v.status, to, NEXT[v.status])
    before = v.status
    v.status = to
    await ctx.session.flush()
    await generations.bump(ctx.session, in_force.GENERATION)
    ctx.audit(
        entity="standard_version",
        entity_id=v.public_id,
        action=to,
        before={"status": before},
        after={"status": to},
        reason=reason,
    )


async def start_pilot(ctx: HookContext, public_id: str, unit_codes: list[str], reason: str) -> StandardVersion:
    """Put a draft in force at ``unit_codes`` (and their subtrees) only."""
    reason = require_reason(reason)
    if not unit_codes:
        raise FieldProblem.one("units", _("name at least one pilot unit"))
    v = await version(ctx, public_id, for_update=True)
    units = [await unit_in_scope(ctx, code) for code in unit_codes]
    other = await current(ctx, await ctx.session.get(Touchpoint, v.touchpoint_id), "pilot")  # type: ignore[arg-type]
    if other is not None and other.id != v.id:
        raise Conflict(
            _("version {number} is already in pilot for this touchpoint; publish or retire it first").format(
                number=other.number
            )
        )
    await _move(ctx, v, "pilot", reason)
    v.pilot_started_at = ctx.now
    ctx.session.add_all([PilotUnit(version_id=v.id, unit_id=u.id) for u in units])
    ctx.audit(
        entity="standard_version",
        entity_id=v.public_id,
        action="pilot-units",
        after={"units": unit_codes},
        reason=reason,
    )
    return v


async def publish(ctx: HookContext, public_id: str, reason: str) -> StandardVersion:
    """Roll a draft or pilot out network-wide; the version published before is retired."""
    reason = require_reason(reason)
    v = await version(ctx, public_id, for_update=True)
    if "published" not in NEXT[v.status]:
        raise TransitionNotAllowed(_("standard version"), v.status, "published", NEXT[v.status])
    previous = await current(ctx, await ctx.session.get(Touchpoint, v.touchpoint_id), "published")  # type: ignore[arg-type]
    if previous is not None:
        await _move(ctx, previous, "retired", f"superseded by version {v.number}: {reason}")
        previous.retired_at = ctx.now
        await ctx.session.flush()
    await _move(ctx, v, "published", reason)
    v.published_at = ctx.now
    return v


async def retire(ctx: HookContext, public_id: str, reason: str) -> StandardVersion:
    reason = require_reason(reason)
    v = await version(ctx, public_id, for_update=True)
    await _move(ctx, v, "retired", reason)
    v.retired_at = ctx.now
    return v


async def export_toml(ctx: HookContext, code: str, number: int | None) -> str:
    """One version as TOML: the given number, else the published one, else the newest."""
    tp = await touchpoint(ctx, code)
    query = sa.select(StandardVersion).where(StandardVersion.touchpoint_id == tp.id)
    if number is not None:
        query = query.where(StandardVersion.number == number)
    else:
        query = query.order_by((StandardVersion.status == "published").desc(), StandardVersion.number.desc())
    v = (await ctx.session.execute(query.limit(1))).scalar_one_or_none()
    if v is None:
        raise NotFound(
            _("'{code}' has no version {number}").format(code=code, number=number)
            if number
            else _("'{code}' has no standard yet").format(code=code)
        )
    header = standards_toml.TouchpointHeader(code=tp.code, name=tp.name, channel=tp.channel, description=tp.description)
    return standards_toml.dump(header, content_of(v), v.number, v.status)


async def import_toml(ctx: HookContext, text: str) -> StandardVersion:
    """A new draft from a TOML file (the touchpoint is added if the catalogue lacks it);
    a file that breaks any rule is refused whole, naming the line."""
    header, content = standards_toml.load(text, ctx.plugins.control_kinds)
    header.channel = channel_named(header.channel)
    if header.channel not in CHANNELS:
        raise FieldProblem.one(
            "touchpoint.channel",
            _("line {line}: must be one of {choices}").format(
                line=standards_toml.line_of(text, "touchpoint.channel"), choices=", ".join(CHANNELS)
            ),
        )
    exists = (await ctx.session.execute(sa.select(Touchpoint.id).where(Touchpoint.code == header.code))).first()
    if not exists:
        await create_touchpoint(
            ctx, code=header.code, name=header.name, channel=header.channel, description=header.description
        )
    return await create_draft(ctx, header.code, content)
