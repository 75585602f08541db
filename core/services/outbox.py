"""Queuing outgoing messages in the unit of work that causes them, and looking after them.

A message is a row written with the change, so it exists only if the change commits; the
``outbox`` job (:mod:`core.jobs.outbox`) delivers it afterwards. Messages that run out of
attempts stay, ``failed`` with their last error, until an operator queues them again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.base import json_ready
from core.db.upsert import upsert
from core.errors import NotFound, TransitionNotAllowed, require_reason
from core.i18n import _
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
    client: str | None = None,
) -> None:
    """Queue a message; it is delivered only if the unit of work commits.

    Queuing a key that is already queued (now or ever) is a no-op, so a retried
    operation never sends the same message twice. Name the ``client`` whose personal data
    the payload carries, so a purge can take it back.
    """
    await enqueue_many(session, [QueuedMessage(topic, key, payload, unit, client)], now=now)


class QueuedMessage(NamedTuple):
    """One message to queue (a plain ``(topic, key, payload, unit)`` tuple will do too)."""

    topic: str
    key: str
    payload: dict[str, Any]
    unit: UnitRef | None
    client: str | None = None
    """Public id of the client whose personal data ``payload`` carries, if any."""


async def enqueue_many(session: AsyncSession, messages: list[QueuedMessage], *, now: dt.datetime) -> None:
    """Queue several messages in one statement (a job's batch), each as :func:`enqueue` would."""
    if not messages:
        return
    rows = [
        {
            "key": m.key,
            "topic": m.topic,
            "payload": json_ready(m.payload),
            "unit_id": m.unit.id if m.unit else None,
            "client": m.client,
            "created_at": now,
            "available_at": now,
            "attempts": 0,
            "status": "pending",
        }
        for m in (QueuedMessage(*message) for message in messages)
    ]
    await session.execute(upsert(session, OutboxRow).values(rows).on_conflict_do_nothing(index_elements=["key"]))


PURGED_PAYLOAD = {"purged": True}


async def forget_clients(session: AsyncSession, client_ids: list[str], now: dt.datetime) -> None:
    """A purge reaches the outbox: messages about these clients keep their key and topic
    (the record that something was sent) but lose their payload; those not yet delivered
    are given up, since their addressee's data is gone."""
    about = OutboxRow.client.in_(client_ids)
    await session.execute(
        sa.update(OutboxRow)
        .where(about, OutboxRow.status == "pending")
        .values(status="failed", last_error="the client was purged before delivery", available_at=now)
    )
    await session.execute(sa.update(OutboxRow).where(about).values(payload=PURGED_PAYLOAD))


def backoff(attempts: int) -> dt.timedelta:
    """Delay before the next try: 30 s doubling each attempt, capped at 6 hours."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 6 * 3600))


def due_query(now: dt.datetime, limit: int) -> sa.Select[OutboxRow]:
    """The oldest messages due for a delivery attempt."""
    return (
        sa.select(OutboxRow)
        .where(OutboxRow.status == "pending", OutboxRow.available_at <= now)
        .order_by(OutboxRow.available_at, OutboxRow.id)
        .limit(limit)
    )


async def search(
    ctx: HookContext, *, status: str | None = None, topic: str | None = None, unit: str | None = None
) -> sa.Select[OutboxRow, str | None]:
    """Messages visible to the caller (as audit entries are), each with its unit's code;
    ``topic`` matches a whole topic or, ending in ``.``, every topic under it."""
    query = (
        sa.select(OutboxRow, OrgUnit.code)
        .outerjoin(OrgUnit, OrgUnit.id == OutboxRow.unit_id)
        .where(await visible(ctx, OutboxRow.unit_id, unit))
    )
    if status:
        query = query.where(OutboxRow.status == status)
    if topic:
        query = query.where(
            OutboxRow.topic.startswith(topic, autoescape=True) if topic.endswith(".") else OutboxRow.topic == topic
        )
    return query


async def retry(ctx: HookContext, key: str, reason: str) -> tuple[OutboxRow, str | None]:
    """Queue a failed message again, due now with a fresh set of attempts (audited)."""
    reason = require_reason(reason)
    found = (await ctx.session.execute((await search(ctx)).where(OutboxRow.key == key))).one_or_none()
    if found is None:
        raise NotFound(_("no message '{key}'").format(key=key))
    row, code = found
    if row.status != "failed":
        raise TransitionNotAllowed(_("message"), row.status, "pending", [])
    before = {"status": row.status, "attempts": row.attempts, "last_error": row.last_error}
    row.status, row.attempts, row.available_at = "pending", 0, ctx.now
    unit = (await ctx.plugins.snapshot(ctx.session)).by_code[code] if code else None
    ctx.audit(
        entity="outbox_message",
        entity_id=key,
        action="retry",
        reason=reason,
        unit=unit,
        before=before,
        after={"status": "pending", "attempts": 0},
    )
    return row, code
