"""Queuing outgoing messages in the unit of work that causes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.base import json_ready
from core.models import OutboxRow
from core.types import UnitRef


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
