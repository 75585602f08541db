"""The outbox delivery job: at least once, with retries, backoff and visible failures.

Each round claims a batch of due messages (on PostgreSQL with ``FOR UPDATE SKIP LOCKED``,
so hosts running the job never claim the same message) by pushing their ``available_at``
past a lease, commits, delivers outside any transaction through the channel that claims the
topic, then records each outcome. A host dying mid-delivery leaves its messages to be
retried when the lease runs out: delivery is at least once and receivers drop repeats by
the message key. A dry run sends nothing: it reports each due message as the channel
claiming its topic would deliver it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import NamedTuple

import sqlalchemy as sa

from core.context import JobContext
from core.i18n import _
from core.models import OutboxRow
from core.services.outbox import backoff, due_query
from core.types import DeliveryChannel, DeliveryResult, OutboxMessage

BATCH = 200
LEASE = dt.timedelta(minutes=5)
log = logging.getLogger("touchstone.outbox")


async def log_delivery(message: OutboxMessage) -> DeliveryResult:
    """The core's default delivery: one JSON line per message on the ``touchstone.outbox``
    logger (the CLI writes it to ``outbox.log`` in the data directory, and nowhere else).

    The line names the message (key, topic, unit, attempt), never its payload: payloads carry
    clients' names and phone numbers, which have no business in a log file."""
    log.info(
        json.dumps(
            {"key": message.key, "topic": message.topic, "unit": message.unit_code, "attempt": message.attempt},
            ensure_ascii=False,
            sort_keys=True,
        )
    )
    return "delivered"


LOG_CHANNEL = DeliveryChannel(name="log", topics=("",), deliver=log_delivery)


def channel_for(topic: str, channels: list[DeliveryChannel]) -> DeliveryChannel | None:
    """The channel claiming the longest prefix of ``topic``."""
    best: tuple[int, DeliveryChannel] | None = None
    for channel in channels:
        for prefix in channel.topics:
            if topic.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), channel)
    return best[1] if best else None


async def _claim(job: JobContext) -> list[OutboxMessage]:
    async with job.unit_of_work() as ctx:
        now = job.now
        query = due_query(now, BATCH)
        if ctx.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = (await ctx.session.execute(query)).scalars().all()
        codes = (await ctx.plugins.snapshot(ctx.session)).units
        messages = []
        for row in rows:
            row.available_at = now + LEASE
            row.attempts += 1
            unit = codes.get(row.unit_id) if row.unit_id is not None else None
            messages.append(
                OutboxMessage(
                    key=row.key,
                    topic=row.topic,
                    payload=row.payload,
                    attempt=row.attempts,
                    created_at=row.created_at,
                    unit_code=unit.code if unit else None,
                )
            )
        return messages


class Outcome(NamedTuple):
    message: OutboxMessage
    result: DeliveryResult
    channel: str | None
    error: str | None


async def _deliver(message: OutboxMessage, channels: list[DeliveryChannel]) -> Outcome:
    """One attempt; whatever goes wrong becomes the outcome, never an exception."""
    channel = channel_for(message.topic, channels)
    if channel is None:
        return Outcome(message, "failed", None, f"no delivery channel claims topic '{message.topic}'")
    try:
        answer = await channel.deliver(message)
    except Exception as exc:  # a channel's failure is data, kept on the message
        return Outcome(message, "retry", channel.name, f"{type(exc).__name__}: {exc}")
    if answer == "delivered":
        return Outcome(message, "delivered", channel.name, None)
    result: DeliveryResult = "failed" if answer == "failed" else "retry"
    return Outcome(message, result, channel.name, f"channel '{channel.name}' answered {answer!r}")


def _rehearse(message: OutboxMessage, channels: list[DeliveryChannel]) -> Outcome:
    """A dry run's attempt: delivered by the channel claiming the topic, and nothing sent."""
    channel = channel_for(message.topic, channels)
    if channel is None:
        return Outcome(message, "failed", None, f"no delivery channel claims topic '{message.topic}'")
    return Outcome(message, "delivered", channel.name, None)


async def deliver_outbox(job: JobContext) -> str:
    """Deliver every due message; returns counts of delivered, retried and failed."""
    channels = [channel for _name, channel in job.plugins.collect_flat("register_delivery_channels")]
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    while messages := await _claim(job):
        if job.dry_run:
            outcomes = [_rehearse(message, channels) for message in messages]
        else:
            outcomes = [await _deliver(message, channels) for message in messages]
        await _record(job, outcomes, counts)
        job.tally(examined=len(messages), changed=len(messages))
        job.progress(_("{count} messages handled").format(count=sum(counts.values())))
    return _("outbox: {delivered} delivered, {retry} to retry, {failed} failed").format(**counts)


async def _record(job: JobContext, outcomes: list[Outcome], counts: dict[str, int]) -> None:
    """Store each outcome: delivered; failed for good (out of attempts, or the channel said
    so); or due again after the backoff."""
    async with job.unit_of_work() as ctx:
        now = job.now
        for message, result, channel, error in outcomes:
            if result == "retry" and message.attempt >= job.settings.outbox_max_attempts:
                result = "failed"
            values: dict[str, object] = {"channel": channel, "last_error": error}
            if result == "delivered":
                values |= {"status": "delivered", "delivered_at": now}
            elif result == "failed":
                values |= {"status": "failed"}
            else:
                values |= {"available_at": now + backoff(message.attempt)}
            await ctx.session.execute(sa.update(OutboxRow).where(OutboxRow.key == message.key).values(**values))
            counts[result] += 1
