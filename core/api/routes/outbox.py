"""The outbox (operations, admin): queued, delivered and failed messages, and retrying.

Delivery itself is the ``outbox`` job's; these routes let operators see what is stuck and
why (``last_error``), and queue a failed message again once the cause is fixed.
"""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.outbox import OutboxOut, OutboxPage, OutboxRetry, OutboxStatus
from core.models import OutboxRow
from core.services import outbox


def present(row: OutboxRow, unit: str | None) -> OutboxOut:
    return OutboxOut(
        key=row.key,
        topic=row.topic,
        status=row.status,
        attempts=row.attempts,  # type: ignore[arg-type]
        created_at=row.created_at,
        available_at=row.available_at,
        delivered_at=row.delivered_at,
        channel=row.channel,
        last_error=row.last_error,
        unit=unit,
        payload=row.payload,
    )


@exportable("outbox")
@get("/outbox", guards=[requires("outbox.read")], summary="Outgoing messages; failures are kept here")
async def list_outbox(
    ctx: Ctx,
    status: FromQuery[OutboxStatus | None] = None,
    topic: FromQuery[str | None] = None,
    unit: FromQuery[str | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> OutboxPage:
    """Oldest first. ``topic`` is a whole topic, or a prefix ending in ``.`` (``sms.``);
    ``unit`` narrows to that unit's subtree."""
    query = await outbox.search(ctx, status=status, topic=topic, unit=unit)
    rows, next_cursor = await page(ctx.session, query, OutboxRow.id, cursor, limit)
    return OutboxPage(items=[present(row, code) for row, code in rows], next_cursor=next_cursor)


@post(
    "/outbox/{key:str}/retry",
    guards=[requires("outbox.manage")],
    status_code=200,
    summary="Queue a failed message again (with a reason)",
)
async def retry_message(ctx: Ctx, key: FromPath[str], data: JSONBody[OutboxRetry]) -> OutboxOut:
    return present(*await outbox.retry(ctx, key, data.reason))


HANDLERS = [list_outbox, retry_message]
