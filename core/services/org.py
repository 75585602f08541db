"""The organisation tree: creating, renaming and moving units, with their history.

Levels nest strictly (head office → branch → sub-branch → outlet) and there is one head
office. A move rewrites the subtree's materialised paths in one statement and leaves an
:class:`~core.models.OrgUnitMove` behind; records at the moved units stay attached to them.
Every change bumps the ``org`` generation so every worker's cached tree is refreshed.
"""

from __future__ import annotations

import sqlalchemy as sa

from core.context import HookContext
from core.errors import Conflict, FieldProblem, require_reason
from core.models import OrgUnit, OrgUnitMove
from core.models.org import UNIT_LEVELS
from core.plugins import bump_generation
from core.services.scope import unit_in_scope
from core.types import UnitRef


def check_parent_level(level: str, parent: UnitRef | None) -> None:
    """A unit sits exactly one level below its parent; only the head office has none."""
    if level not in UNIT_LEVELS:
        raise FieldProblem.one("level", f"must be one of {', '.join(UNIT_LEVELS)}")
    if parent is None:
        if level != "head_office":
            raise FieldProblem.one("parent", f"a {level} needs a parent unit")
        return
    expected = UNIT_LEVELS[UNIT_LEVELS.index(level) - 1] if level != "head_office" else None
    if parent.level != expected:
        raise FieldProblem.one("parent", f"a {level} belongs under a {expected}, not a {parent.level}")


async def create(ctx: HookContext, *, code: str, name: str, level: str, parent_code: str | None, reason: str) -> OrgUnit:
    reason = require_reason(reason)
    parent = await unit_in_scope(ctx, parent_code) if parent_code else None
    check_parent_level(level, parent)
    if parent is None and (await ctx.session.execute(sa.select(OrgUnit.id).where(OrgUnit.parent_id.is_(None)))).first():
        raise Conflict("there is already a head office")
    if (await ctx.session.execute(sa.select(OrgUnit.id).where(OrgUnit.code == code))).first():
        raise FieldProblem.one("code", f"'{code}' is already used by another unit")
    unit = OrgUnit(code=code, name=name, level=level, parent_id=parent.id if parent else None, path="",
                   created_at=ctx.now)
    ctx.session.add(unit)
    await ctx.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    await bump_generation(ctx.session)
    ctx.audit(entity="org_unit", entity_id=code, action="create", unit=unit.ref(), reason=reason,
              after={"code": code, "name": name, "level": level, "parent": parent_code})
    return unit


async def _load(ctx: HookContext, code: str) -> OrgUnit:
    ref = await unit_in_scope(ctx, code)
    unit = await ctx.session.get(OrgUnit, ref.id)
    assert unit is not None
    return unit


async def rename(ctx: HookContext, code: str, name: str, reason: str) -> OrgUnit:
    reason = require_reason(reason)
    unit = await _load(ctx, code)
    before = unit.name
    if before != name:
        unit.name = name
        await bump_generation(ctx.session)
        ctx.audit(entity="org_unit", entity_id=code, action="rename", unit=unit.ref(), reason=reason,
                  before={"name": before}, after={"name": name})
    return unit


async def move(ctx: HookContext, code: str, parent_code: str, reason: str) -> OrgUnit:
    """Move ``code`` (and its subtree) under ``parent_code``; keeps the move in history."""
    reason = require_reason(reason)
    unit = await _load(ctx, code)
    if unit.parent_id is None:
        raise Conflict("the head office cannot be moved")
    parent = await unit_in_scope(ctx, parent_code)
    if parent.path.startswith(unit.path):
        raise FieldProblem.one("parent", "a unit cannot move into its own subtree")
    check_parent_level(unit.level, parent)
    if parent.id == unit.parent_id:
        return unit
    old_path, new_path, old_parent = unit.path, f"{parent.path}{unit.id}/", unit.parent_id
    await ctx.session.execute(
        sa.update(OrgUnit)
        .where(OrgUnit.path.startswith(old_path, autoescape=True))
        .values(path=sa.literal(new_path) + sa.func.substr(OrgUnit.path, len(old_path) + 1))
        .execution_options(synchronize_session=False)
    )
    await ctx.session.execute(sa.update(OrgUnit).where(OrgUnit.id == unit.id).values(parent_id=parent.id)
                              .execution_options(synchronize_session=False))
    ctx.session.add(OrgUnitMove(unit_id=unit.id, from_parent_id=old_parent, to_parent_id=parent.id, from_path=old_path,
                                to_path=new_path, moved_at=ctx.now, moved_by=ctx.principal.label, reason=reason))
    await bump_generation(ctx.session)
    await ctx.session.refresh(unit)
    ctx.audit(entity="org_unit", entity_id=code, action="move", unit=unit.ref(), reason=reason,
              before={"parent_id": old_parent, "path": old_path}, after={"parent": parent_code, "path": new_path})
    return unit
