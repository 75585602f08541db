"""The audit log (compliance, risk, admin): entries at units in your subtree."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from litestar import get

from core.api.auth import requires
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.admin import AuditOut, AuditPage
from core.context import HookContext
from core.models import AuditEntry, OrgUnit
from core.services.scope import in_subtree, unit_in_scope


@get("/audit", guards=[requires("audit.read")], summary="Who changed what, where, when and why")
async def list_audit(ctx: HookContext, entity: str | None = None, entity_id: str | None = None,
                     actor: str | None = None, unit: str | None = None, since: dt.datetime | None = None,
                     until: dt.datetime | None = None, cursor: str | None = None,
                     limit: int = DEFAULT_LIMIT) -> AuditPage:
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    query = sa.select(AuditEntry, OrgUnit.code).outerjoin(OrgUnit, OrgUnit.id == AuditEntry.unit_id)
    network_wide = AuditEntry.unit_id.is_(None) if ctx.principal.unit.level == "head_office" and not unit else sa.false()
    query = query.where(sa.or_(in_subtree(scope), network_wide))
    for column, value in ((AuditEntry.entity, entity), (AuditEntry.entity_id, entity_id), (AuditEntry.actor, actor)):
        if value is not None:
            query = query.where(column == value)
    if since:
        query = query.where(AuditEntry.at >= since)
    if until:
        query = query.where(AuditEntry.at < until)
    rows, next_cursor = await page(ctx.session, query, AuditEntry.id, cursor, limit)
    return AuditPage(items=[AuditOut(at=e.at, actor=e.actor, actor_name=e.actor_name, unit=code, entity=e.entity,
                                     entity_id=e.entity_id, action=e.action, before=e.before, after=e.after,
                                     reason=e.reason) for e, code in rows], next_cursor=next_cursor)


HANDLERS = [list_audit]
