"""Organisation unit routes: browse the tree in your subtree; admins create, rename, move."""

from __future__ import annotations

import sqlalchemy as sa
from litestar import get, patch, post

from core.api.auth import requires
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.org import UnitCreate, UnitDetail, UnitHistory, UnitMove, UnitMoveOut, UnitPage, UnitRename
from core.context import HookContext
from core.models import OrgUnit, OrgUnitMove
from core.plugins import OrgSnapshot
from core.services import org
from core.services.scope import in_subtree, unit_in_scope


def path_codes(snapshot: OrgSnapshot, path: str) -> list[str]:
    return [snapshot.units[int(i)].code for i in path.strip("/").split("/") if i and int(i) in snapshot.units]


async def detail(ctx: HookContext, unit: OrgUnit) -> UnitDetail:
    snapshot = await ctx.plugins.snapshot(ctx.session)
    children = sum(1 for u in snapshot.units.values() if u.path != unit.path and u.path.startswith(unit.path)
                   and u.path.count("/") == unit.path.count("/") + 1)
    parent = snapshot.units.get(unit.parent_id) if unit.parent_id else None
    return UnitDetail(code=unit.code, name=unit.name, level=unit.level, parent=parent.code if parent else None,
                      path=path_codes(snapshot, unit.path), children=children)


@get("/units", guards=[requires("org.read")], summary="Units in your subtree")
async def list_units(ctx: HookContext, level: str | None = None, parent: str | None = None, within: str | None = None,
                     cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> UnitPage:
    scope = await unit_in_scope(ctx, within) if within else ctx.principal.unit
    query = sa.select(OrgUnit).where(in_subtree(scope))
    if level:
        query = query.where(OrgUnit.level == level)
    if parent:
        query = query.where(OrgUnit.parent_id == (await unit_in_scope(ctx, parent)).id)
    rows, next_cursor = await page(ctx.session, query, OrgUnit.id, cursor, limit)
    return UnitPage(items=[await detail(ctx, u) for u in rows], next_cursor=next_cursor)


async def _unit(ctx: HookContext, code: str) -> OrgUnit:
    unit = await ctx.session.get(OrgUnit, (await unit_in_scope(ctx, code)).id)
    assert unit is not None
    return unit


@get("/units/{unit_code:str}", guards=[requires("org.read")], summary="One unit")
async def get_unit(ctx: HookContext, unit_code: str) -> UnitDetail:
    return await detail(ctx, await _unit(ctx, unit_code))


@post("/units", guards=[requires("org.write")], summary="Create a unit under a parent")
async def create_unit(ctx: HookContext, data: UnitCreate) -> UnitDetail:
    unit = await org.create(ctx, code=data.code, name=data.name, level=data.level, parent_code=data.parent,
                            reason=data.reason)
    return await detail(ctx, unit)


@patch("/units/{unit_code:str}", guards=[requires("org.write")], summary="Rename a unit")
async def rename_unit(ctx: HookContext, unit_code: str, data: UnitRename) -> UnitDetail:
    return await detail(ctx, await org.rename(ctx, unit_code, data.name, data.reason))


@post("/units/{unit_code:str}/move", guards=[requires("org.write")], status_code=200,
      summary="Move a unit (and its subtree) under another parent")
async def move_unit(ctx: HookContext, unit_code: str, data: UnitMove) -> UnitDetail:
    return await detail(ctx, await org.move(ctx, unit_code, data.parent, data.reason))


@get("/units/{unit_code:str}/history", guards=[requires("org.read")], summary="Where a unit has been")
async def unit_history(ctx: HookContext, unit_code: str) -> UnitHistory:
    unit = await unit_in_scope(ctx, unit_code)
    snapshot = await ctx.plugins.snapshot(ctx.session)
    moves = (await ctx.session.execute(sa.select(OrgUnitMove).where(OrgUnitMove.unit_id == unit.id)
                                       .order_by(OrgUnitMove.id))).scalars()
    return UnitHistory(moves=[UnitMoveOut(moved_at=m.moved_at, moved_by=m.moved_by, reason=m.reason,
                                          from_path=path_codes(snapshot, m.from_path),
                                          to_path=path_codes(snapshot, m.to_path)) for m in moves])


HANDLERS = [list_units, get_unit, create_unit, rename_unit, move_unit, unit_history]
