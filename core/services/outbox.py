"""Queuing outgoing messages in the unit of work that causes them, and looking after them.

A message is a row written with the change, so it exists only if the change commits; the
``outbox`` job (:mod:`core.jobs.outbox`) delivers it afterwards. Messages that run out of
attempts stay, ``failed`` with their last error, until an operator queues them again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.base import json_ready
from core.errors import NotFound, TransitionNotAllowed, require_reason
from core.models import OrgUnit, OutboxRow
from core.services.audit import visible
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext


async def enqueue(
    session: AsyncSession,
    *,
    topic: str,
    key: str,
    payload: dict[str, Any],
    unit: UnitRef | None,
    now: dt.datetime,
) -> None:
    """Queue a message; it is delivered only if the unit of work commits.

    Queuing a key that is already queued (now or ever) is a no-op, so a retried
    operation never sends the same message twice.
    """
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(OutboxRow)
        .values(
            key=key,
            topic=topic,
            payload=json_ready(payload),
            unit_id=unit.id if unit else None,
            created_at=now,
            available_at=now,
            attempts=0,
            status="pending",
        )
        .on_conflict_do_nothing(index_elements=["key"])
    )
    await session.execute(statement)


def backoff(attempts: int) -> dt.timedelta:
    """Delay before the next try: 30 s doubling each attempt, capped at 6 hours."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 6 * 3600))


def due_query(now: dt.datetime, limit: int) -> sa.Select[tuple[OutboxRow]]:
    """The oldest messages due for a delivery attempt."""
    return (
        sa.select(OutboxRow)
        .where(OutboxRow.status == "pending", OutboxRow.available_at <= now)
        .order_by(OutboxRow.available_at, OutboxRow.id)
        .limit(limit)
    )


async def search(ctx: HookContext, *, status: str | None = None, topic: str | None = None,
                 unit: str | None = None) -> sa.Select[tuple[OutboxRow, str | None]]:
    """Messages visible to the caller (as audit entries are), each with its unit's code;
    ``topic`` matches a whole topic or, ending in ``.``, every topic under it."""
    query = (sa.select(OutboxRow, OrgUnit.code).outerjoin(OrgUnit, OrgUnit.id == OutboxRow.unit_id)
             .where(await visible(ctx, OutboxRow.unit_id, unit)))
    if status:
        query = query.where(OutboxRow.status == status)
    if topic:
        query = query.where(OutboxRow.topic.startswith(topic, autoescape=True) if topic.endswith(".")
                            else OutboxRow.topic == topic)
    return query


async def retry(ctx: HookContext, key: str, reason: str) -> tuple[OutboxRow, str | None]:
    """Queue a failed message again, due now with a fresh set of attempts (audited)."""
    reason = require_reason(reason)
    found = (await ctx.session.execute((await search(ctx)).where(OutboxRow.key == key))).one_or_none()
    if found is None:
        raise NotFound(f"no message '{key}'")
    row, code = found
    if row.status != "failed":
        raise TransitionNotAllowed("message", row.status, "pending", [])
    before = {"status": row.status, "attempts": row.attempts, "last_error": row.last_error}
    row.status, row.attempts, row.available_at = "pending", 0, ctx.now
    unit = (await ctx.plugins.snapshot(ctx.session)).by_code[code] if code else None
    ctx.audit(entity="outbox_message", entity_id=key, action="retry", reason=reason, unit=unit,
              before=before, after={"status": "pending", "attempts": 0})
    return row, code
