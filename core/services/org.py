"""The organisation tree: creating, renaming and moving units.

Levels nest strictly (head office → branch → sub-branch → outlet) and there is one head
office. A move rewrites the subtree's materialised paths in one statement and leaves an
:class:`~core.models.OrgUnitMove` behind; records at the moved units (clients, staff) point
at the unit's id, so they move with it. Every change bumps the ``org`` generation so every
worker's cached tree is refreshed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import sqlalchemy as sa

from core import generations
from core.errors import Conflict, FieldProblem, require_reason
from core.i18n import _
from core.models import OrgUnit, OrgUnitMove
from core.models.org import UNIT_LEVELS
from core.services.scope import unit_in_scope
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext
    from core.plugins import OrgSnapshot

UNIT_ENTITIES = ("org_unit", "plugin_enablement", "plugin_setting")
"""Audit entities that describe a unit itself (its history shows them; clients' and staff
changes at the unit belong to their own histories)."""


def check_parent_level(level: str, parent: UnitRef | None) -> None:
    """A unit sits exactly one level below its parent; only the head office has none."""
    if level not in UNIT_LEVELS:
        raise FieldProblem.one("level", _("must be one of {allowed}").format(allowed=", ".join(UNIT_LEVELS)))
    depth = UNIT_LEVELS.index(level)
    if depth == 0:
        if parent is not None:
            raise FieldProblem.one("parent", _("the head office has no parent"))
        return
    if parent is None:
        raise FieldProblem.one("parent", _("a {level} needs a parent unit").format(level=level))
    if parent.level != UNIT_LEVELS[depth - 1]:
        raise FieldProblem.one(
            "parent",
            _("a {level} belongs under a {above}, not a {given}").format(
                level=level, above=UNIT_LEVELS[depth - 1], given=parent.level
            ),
        )


def path_codes(snapshot: OrgSnapshot, path: str) -> list[str]:
    """A materialised path of ids as unit codes, head office first."""
    return [snapshot.units[int(i)].code for i in path.strip("/").split("/") if i and int(i) in snapshot.units]


async def _lock_tree(ctx: HookContext) -> OrgSnapshot:
    """Bump the generation first, then read the tree.

    The bump updates one row, so on PostgreSQL it also queues concurrent tree changes behind
    this one until it commits (SQLite writers queue anyway); the tree read after it is the
    committed one, never a stale cache, so paths computed from it stay consistent.
    """
    await generations.bump_org(ctx.session)
    return await ctx.plugins.snapshot(ctx.session)


async def create(
    ctx: HookContext, *, code: str, name: str, level: str, parent_code: str | None, reason: str
) -> OrgUnit:
    reason = require_reason(reason)
    tree = await _lock_tree(ctx)
    parent = await unit_in_scope(ctx, parent_code) if parent_code else None
    check_parent_level(level, parent)
    if parent is None and any(u.level == "head_office" for u in tree.units.values()):
        raise Conflict(_("there is already a head office; every other unit needs a parent"))
    if code in tree.by_code:
        raise FieldProblem.one("code", _("'{code}' is already used by another unit").format(code=code))
    unit = OrgUnit(
        code=code, name=name, level=level, parent_id=parent.id if parent else None, path="", created_at=ctx.now
    )
    ctx.session.add(unit)
    await ctx.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    await ctx.session.flush()
    ctx.audit(
        entity="org_unit",
        entity_id=code,
        action="create",
        unit=unit.ref(),
        reason=reason,
        after={"code": code, "name": name, "level": level, "parent": parent_code},
    )
    return unit


async def load(ctx: HookContext, code: str) -> OrgUnit:
    """The unit ``code`` as a row, if in the caller's scope (403 ``out-of-scope`` if not)."""
    unit = await ctx.session.get(OrgUnit, (await unit_in_scope(ctx, code)).id)
    assert unit is not None, "the snapshot and the table agree within a unit of work"
    return unit


async def rename(ctx: HookContext, code: str, name: str, reason: str) -> OrgUnit:
    reason = require_reason(reason)
    unit = await load(ctx, code)
    before = unit.name
    if before != name:
        await generations.bump_org(ctx.session)
        unit.name = name
        ctx.audit(
            entity="org_unit",
            entity_id=code,
            action="rename",
            unit=unit.ref(),
            reason=reason,
            before={"name": before},
            after={"name": name},
        )
    return unit


async def move(ctx: HookContext, code: str, parent_code: str, reason: str) -> OrgUnit:
    """Move ``code`` (and its subtree) under ``parent_code``; the move stays in its history.
    The tree's generation, bumped first, also renews every worker's cached principals (each
    carries its unit's path, so scope follows the move)."""
    reason = require_reason(reason)
    tree = await _lock_tree(ctx)
    unit = await load(ctx, code)
    if unit.parent_id is None:
        raise Conflict(_("the head office cannot be moved"))
    parent = await unit_in_scope(ctx, parent_code)
    if parent.path.startswith(unit.path):
        raise FieldProblem.one("parent", _("a unit cannot move into its own subtree"))
    check_parent_level(unit.level, parent)
    if parent.id == unit.parent_id:
        raise FieldProblem.one(
            "parent", _("'{code}' is already under '{parent}'").format(code=code, parent=parent_code)
        )
    old_path, new_path, old_parent = unit.path, f"{parent.path}{unit.id}/", tree.units[unit.parent_id]
    await ctx.session.execute(
        sa.update(OrgUnit)
        .where(OrgUnit.path.startswith(old_path, autoescape=True))
        .values(
            path=sa.literal(new_path) + sa.func.substr(OrgUnit.path, len(old_path) + 1),
            parent_id=sa.case((OrgUnit.id == unit.id, parent.id), else_=OrgUnit.parent_id),
        )
        .execution_options(synchronize_session="fetch")
    )
    ctx.session.add(
        OrgUnitMove(
            unit_id=unit.id,
            from_parent_id=old_parent.id,
            to_parent_id=parent.id,
            from_path=old_path,
            to_path=new_path,
            moved_at=ctx.now,
            moved_by=ctx.principal.label,
            reason=reason,
        )
    )
    await ctx.session.refresh(unit)
    ctx.audit(
        entity="org_unit",
        entity_id=code,
        action="move",
        unit=unit.ref(),
        reason=reason,
        before={"parent": old_parent.code, "path": path_codes(tree, old_path)},
        after={"parent": parent_code, "path": [*path_codes(tree, parent.path), code]},
    )
    return unit


async def child_counts(ctx: HookContext, unit_ids: Sequence[int]) -> dict[int, int]:
    """How many children each of ``unit_ids`` has (one query for a whole page)."""
    rows = await ctx.session.execute(
        sa.select(OrgUnit.parent_id, sa.func.count()).where(OrgUnit.parent_id.in_(unit_ids)).group_by(OrgUnit.parent_id)
    )
    return {parent_id: count for parent_id, count in rows.all() if parent_id is not None}  # the filter leaves no None
