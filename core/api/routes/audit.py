"""The audit log (compliance, risk, admin): who changed what, where, when and why.

Entries at units in the reader's subtree; network-wide entries only for head office.
"""

from __future__ import annotations

from litestar import get
from litestar.params import FromQuery

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.audit import AuditOut, AuditPage
from core.models import AuditEntry
from core.services import audit
from core.types import Moment


@exportable("audit")
@get("/audit", guards=[requires("audit.read")], summary="Who changed what, where, when and why")
async def list_audit(
    ctx: Ctx,
    entity: FromQuery[str | None] = None,
    entity_id: FromQuery[str | None] = None,
    actor: FromQuery[str | None] = None,
    unit: FromQuery[str | None] = None,
    since: FromQuery[Moment | None] = None,
    until: FromQuery[Moment | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> AuditPage:
    """Oldest first. ``unit`` narrows to that unit's subtree; ``actor`` is a principal's label
    (``staff:st_…``); ``since``/``until`` bound a half-open period (timezone required)."""
    query = await audit.search(
        ctx, entity=entity, entity_id=entity_id, actor=actor, unit=unit, since=since, until=until
    )
    rows, next_cursor = await page(ctx.session, query, AuditEntry.id, cursor, limit)
    return AuditPage(
        items=[
            AuditOut(
                at=e.at,
                actor=e.actor,
                actor_name=e.actor_name,
                unit=code,
                entity=e.entity,
                entity_id=e.entity_id,
                action=e.action,
                before=e.before,
                after=e.after,
                reason=e.reason,
            )
            for e, code in rows
        ],
        next_cursor=next_cursor,
    )


HANDLERS = [list_audit]
