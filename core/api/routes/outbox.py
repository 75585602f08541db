"""The outbox (operations, admin): queued, delivered and failed messages, and retrying."""

from __future__ import annotations

import sqlalchemy as sa
from litestar import get, post

from core.api.auth import requires
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.admin import OutboxOut, OutboxPage, Retry
from core.context import HookContext
from core.errors import NotFound, TransitionNotAllowed
from core.models import OrgUnit, OutboxRow
from core.services.scope import in_subtree


def _visible(ctx: HookContext) -> sa.ColumnElement[bool]:
    network_wide = OutboxRow.unit_id.is_(None) if ctx.principal.unit.level == "head_office" else sa.false()
    return sa.or_(in_subtree(ctx.principal.unit), network_wide)


def present(row: OutboxRow, unit: str | None) -> OutboxOut:
    return OutboxOut(key=row.key, topic=row.topic, status=row.status, attempts=row.attempts,
                     created_at=row.created_at, available_at=row.available_at, delivered_at=row.delivered_at,
                     channel=row.channel, last_error=row.last_error, unit=unit, payload=row.payload)


@get("/outbox", guards=[requires("outbox.read")], summary="Outgoing messages; failures are kept here")
async def list_outbox(ctx: HookContext, status: str | None = None, topic: str | None = None,
                      cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> OutboxPage:
    query = sa.select(OutboxRow, OrgUnit.code).outerjoin(OrgUnit, OrgUnit.id == OutboxRow.unit_id).where(_visible(ctx))
    if status:
        query = query.where(OutboxRow.status == status)
    if topic:
        query = query.where(OutboxRow.topic == topic)
    rows, next_cursor = await page(ctx.session, query, OutboxRow.id, cursor, limit)
    return OutboxPage(items=[present(r, code) for r, code in rows], next_cursor=next_cursor)


@post("/outbox/{key:str}/retry", guards=[requires("outbox.manage")], status_code=200,
      summary="Queue a failed message again")
async def retry_message(ctx: HookContext, key: str, data: Retry) -> OutboxOut:
    found = (await ctx.session.execute(
        sa.select(OutboxRow, OrgUnit.code).outerjoin(OrgUnit, OrgUnit.id == OutboxRow.unit_id)
        .where(OutboxRow.key == key, _visible(ctx))
    )).one_or_none()
    if found is None:
        raise NotFound(f"no message '{key}'")
    row, code = found
    if row.status != "failed":
        raise TransitionNotAllowed("message", row.status, "pending", [])
    row.status, row.attempts, row.available_at = "pending", 0, ctx.now
    ctx.audit(entity="outbox_message", entity_id=key, action="retry", reason=data.reason,
              before={"status": "failed", "last_error": row.last_error}, after={"status": "pending"})
    return present(row, code)


HANDLERS = [list_outbox, retry_message]
