"""The outbox: queued with the change, delivered after commit by the job, at least once,
with retries and backoff; failures kept and visible."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from core import hookimpl
from core.clock import FrozenClock
from core.context import JobContext
from core.jobs import run_job
from core.models import OutboxRow
from core.plugins import PluginRuntime, create_plugin_manager
from core.services.outbox import enqueue
from core.types import DeliveryChannel, OutboxMessage

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries


class Channel:
    """A delivery plugin claiming ``sms.``; fails its first ``failures`` attempts."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.delivered: list[OutboxMessage] = []

    async def deliver(self, message: OutboxMessage) -> str:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("SMS gateway unreachable")
        self.delivered.append(message)
        return "delivered"

    @hookimpl
    def register_delivery_channels(self) -> list[DeliveryChannel]:
        return [DeliveryChannel(name="sms", topics=("sms.",), deliver=self.deliver)]


def job(db, settings, clock, channel: Channel) -> JobContext:  # type: ignore[no-untyped-def]
    return JobContext(
        db=db, plugins=PluginRuntime(create_plugin_manager(plugins=[("sms", channel)])), clock=clock, settings=settings
    )


async def queue(db, clock, key: str, topic: str = "sms.notice", commit: bool = True) -> None:  # type: ignore[no-untyped-def]
    async with db.unit_of_work() as session:
        await enqueue(session, topic=topic, key=key, payload={"text": "您好"}, unit=None, now=clock.now())
        await enqueue(session, topic=topic, key=key, payload={"text": "again"}, unit=None, now=clock.now())
        if not commit:
            await session.rollback()


async def test_a_message_is_delivered_once_by_the_job_after_commit(db, network, settings, clock: FrozenClock) -> None:
    channel = Channel()
    await queue(db, clock, "notice-1")
    await queue(db, clock, "notice-1")
    assert channel.delivered == []
    assert await run_job("outbox", job(db, settings, clock, channel)) == "outbox: 1 delivered, 0 to retry, 0 failed"
    assert await run_job("outbox", job(db, settings, clock, channel)) == "outbox: 0 delivered, 0 to retry, 0 failed"
    assert [(m.key, m.payload) for m in channel.delivered] == [("notice-1", {"text": "您好"})]


async def test_a_message_of_a_rolled_back_change_is_never_delivered(db, network, settings, clock: FrozenClock) -> None:
    channel = Channel()
    await queue(db, clock, "ghost", commit=False)
    await run_job("outbox", job(db, settings, clock, channel))
    assert channel.delivered == []


async def test_a_failing_delivery_is_retried_with_backoff_until_it_succeeds(
    db, network, settings, clock: FrozenClock
) -> None:
    channel = Channel(failures=2)
    await queue(db, clock, "retry-me")
    context = job(db, settings, clock, channel)
    assert "1 to retry" in await run_job("outbox", context)
    assert "0 delivered, 0 to retry" in await run_job("outbox", context)  # not due yet: backoff
    clock.advance(seconds=31)
    assert "1 to retry" in await run_job("outbox", context)
    clock.advance(seconds=61)
    assert "1 delivered" in await run_job("outbox", context)
    assert [m.attempt for m in channel.delivered] == [3]


async def test_after_the_last_attempt_a_message_is_failed_visible_and_can_be_retried(
    client: AsyncTestClient, token_for, db, settings, clock: FrozenClock
) -> None:
    channel = Channel(failures=100)
    await queue(db, clock, "doomed")
    context = job(db, settings, clock, channel)
    for _ in range(settings.outbox_max_attempts):
        await run_job("outbox", context)
        clock.advance(hours=7)
    admin = await token_for("admin", "HO")
    failed = (await client.get("/api/v1/outbox", params={"status": "failed"}, headers=admin)).json()["items"]
    assert [(m["key"], m["attempts"], m["last_error"]) for m in failed] == [
        ("doomed", settings.outbox_max_attempts, "ConnectionError: SMS gateway unreachable")
    ]
    retried = await client.post("/api/v1/outbox/doomed/retry", json={"reason": "网关已恢复"}, headers=admin)
    assert retried.status_code == 200 and retried.json()["status"] == "pending"
    channel.failures = 0
    assert "1 delivered" in await run_job("outbox", context)


async def test_topics_no_plugin_claims_go_to_the_core_log_channel(
    db, network, settings, clock: FrozenClock, caplog
) -> None:
    await queue(db, clock, "log-me", topic="client.manager_changed")
    with caplog.at_level("INFO", logger="touchstone.outbox"):
        await run_job("outbox", job(db, settings, clock, Channel()))
    assert '"key": "log-me"' in caplog.text
    async with db.unit_of_work(readonly=True) as session:
        row = (await session.execute(sa.select(OutboxRow).where(OutboxRow.key == "log-me"))).scalar_one()
    assert (row.status, row.channel) == ("delivered", "log")
