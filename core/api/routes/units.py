"""Organisation unit routes: browse the tree in your subtree; admins create, rename, move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from litestar import get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.pagination import DEFAULT_LIMIT, RowId, check_limit, decode_cursor, encode_cursor
from core.api.pagination import page as paginate
from core.api.schemas.org import (
    Level,
    UnitCreate,
    UnitDetail,
    UnitHistoryItem,
    UnitHistoryPage,
    UnitMove,
    UnitPage,
    UnitRename,
)
from core.context import HookContext
from core.errors import FieldProblem
from core.i18n import _
from core.models import AuditEntry, OrgUnit, OrgUnitMove
from core.plugins import OrgSnapshot
from core.services import org
from core.services.scope import in_subtree, unit_in_scope


async def present(ctx: HookContext, units: Sequence[OrgUnit]) -> list[UnitDetail]:
    """Units with parent, path as codes and number of children (one query for the page)."""
    snapshot = await ctx.plugins.snapshot(ctx.session)
    children = await org.child_counts(ctx, [u.id for u in units])
    return [
        UnitDetail(
            code=u.code,
            name=u.name,
            level=u.level,
            path=org.path_codes(snapshot, u.path),
            parent=snapshot.units[u.parent_id].code if u.parent_id else None,
            children=children.get(u.id, 0),
        )
        for u in units
    ]


@exportable("units")
@get("/units", guards=[requires("org.read")], summary="Units in your subtree")
async def list_units(
    ctx: Ctx,
    level: FromQuery[Level | None] = None,
    parent: FromQuery[str | None] = None,
    within: FromQuery[str | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> UnitPage:
    scope = await unit_in_scope(ctx, within) if within else ctx.principal.unit
    query = sa.select(OrgUnit).where(in_subtree(scope))
    if level:
        query = query.where(OrgUnit.level == level)
    if parent:
        query = query.where(OrgUnit.parent_id == (await unit_in_scope(ctx, parent)).id)
    rows, next_cursor = await paginate(ctx.session, query, OrgUnit.id, cursor, limit)
    return UnitPage(items=await present(ctx, rows), next_cursor=next_cursor)


@get("/units/{unit_code:str}", guards=[requires("org.read")], summary="One unit")
async def get_unit(ctx: Ctx, unit_code: FromPath[str]) -> UnitDetail:
    return (await present(ctx, [await org.load(ctx, unit_code)]))[0]


@post("/units", guards=[requires("org.write")], summary="Create a unit under a parent")
async def create_unit(ctx: Ctx, data: JSONBody[UnitCreate]) -> UnitDetail:
    unit = await org.create(
        ctx, code=data.code, name=data.name, level=data.level, parent_code=data.parent, reason=data.reason
    )
    return (await present(ctx, [unit]))[0]


@patch("/units/{unit_code:str}", guards=[requires("org.write")], summary="Rename a unit")
async def rename_unit(ctx: Ctx, unit_code: FromPath[str], data: JSONBody[UnitRename]) -> UnitDetail:
    return (await present(ctx, [await org.rename(ctx, unit_code, data.name, data.reason)]))[0]


@post(
    "/units/{unit_code:str}/move",
    guards=[requires("org.write")],
    status_code=200,
    summary="Move a unit (and its subtree) under another parent",
)
async def move_unit(ctx: Ctx, unit_code: FromPath[str], data: JSONBody[UnitMove]) -> UnitDetail:
    return (await present(ctx, [await org.move(ctx, unit_code, data.parent, data.reason)]))[0]


@exportable("unit-history")
@get("/units/{unit_code:str}/history", guards=[requires("org.read")], summary="Moves and changes of a unit")
async def unit_history(
    ctx: Ctx, unit_code: FromPath[str], cursor: FromQuery[str | None] = None, limit: FromQuery[int] = DEFAULT_LIMIT
) -> UnitHistoryPage:
    """Moves come from the move table (their audit entries would say the same twice), the
    other changes to the unit itself from the audit log; one timeline cut on
    ``(time, kind, id)``, oldest first."""
    unit = await unit_in_scope(ctx, unit_code)
    check_limit(limit)
    moves = sa.select(
        sa.literal_column("'move'").label("kind"), OrgUnitMove.id.label("id"), OrgUnitMove.moved_at.label("at")
    ).where(OrgUnitMove.unit_id == unit.id)
    changes = sa.select(
        sa.literal_column("'change'").label("kind"), AuditEntry.id.label("id"), AuditEntry.at.label("at")
    ).where(AuditEntry.unit_id == unit.id, AuditEntry.entity.in_(org.UNIT_ENTITIES), AuditEntry.action != "move")
    timeline = sa.union_all(moves, changes).subquery()
    query = sa.select(timeline.c.kind, timeline.c.id, timeline.c.at).order_by(
        timeline.c.at, timeline.c.kind, timeline.c.id
    )
    if cursor:
        at, kind, row_id = _after(cursor)
        query = query.where(
            sa.tuple_(timeline.c.at, timeline.c.kind, timeline.c.id)
            > sa.tuple_(sa.literal(at, AuditEntry.at.type), sa.literal(kind), sa.literal(row_id))
        )
    keys = (await ctx.session.execute(query.limit(limit + 1))).all()
    more, keys = len(keys) > limit, keys[:limit]
    rows: dict[tuple[str, int], Any] = {}
    for kind, model in (("move", OrgUnitMove), ("change", AuditEntry)):
        if ids := [i for k, i, _ in keys if k == kind]:
            found = (await ctx.session.execute(sa.select(model).where(model.id.in_(ids)))).scalars()
            rows |= {(kind, r.id): r for r in found}
    snapshot = await ctx.plugins.snapshot(ctx.session)
    items = [_item(rows[(k, i)], snapshot) for k, i, _ in keys]
    last = keys[-1] if more else None
    return UnitHistoryPage(
        items=items, next_cursor=encode_cursor([last[2].isoformat(), last[0], last[1]]) if last else None
    )


def _item(row: OrgUnitMove | AuditEntry, snapshot: OrgSnapshot) -> UnitHistoryItem:
    if isinstance(row, OrgUnitMove):
        return UnitHistoryItem(
            at=row.moved_at,
            kind="move",
            actor=row.moved_by,
            entity="org_unit",
            action="move",
            reason=row.reason,
            from_path=org.path_codes(snapshot, row.from_path),
            to_path=org.path_codes(snapshot, row.to_path),
        )
    return UnitHistoryItem(
        at=row.at,
        kind="change",
        actor=row.actor,
        entity=row.entity,
        action=row.action,
        reason=row.reason,
        before=row.before,
        after=row.after,
    )


def _after(cursor: str) -> tuple[dt.datetime, str, int]:
    try:
        at, kind, row_id = decode_cursor(cursor, tuple[str, str, RowId])
        return dt.datetime.fromisoformat(at), str(kind), int(row_id)
    except (TypeError, ValueError) as exc:
        raise FieldProblem.one("cursor", _("not a cursor this API handed out")) from exc


HANDLERS = [list_units, get_unit, create_unit, rename_unit, move_unit, unit_history]
