"""Two SLA sweeps started at the same moment, both past the job runner's lock (as on hosts
whose lock backends differ), escalate every overdue order exactly once: PostgreSQL's row
locks (SELECT … FOR UPDATE SKIP LOCKED) and the conditional UPDATE keep them apart."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import sqlalchemy as sa

from core.context import JobContext
from core.db.engine import Database, create_engine
from core.models import OutboxRow
from core.plugins import PluginRuntime, create_plugin_manager
from plugins.complaints import sweep as sweep_module
from plugins.complaints.models import Step, WorkOrder

pytestmark = pytest.mark.usefixtures("english")  # compares the English text of a rule or a job's summary

ORDERS = 24


@pytest.mark.postgres_only
async def test_concurrent_sweeps_escalate_each_order_once(
    complaints_on, file, clock, settings, database_url, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(ORDERS):
        await file(("OUT1", "OUT2", "OUT3", "OUT4")[i % 4])
    clock.set(dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC))  # every first contact is overdue
    monkeypatch.setattr(sweep_module, "BATCH", 3)  # many small batches, so the two sweeps interleave
    hosts = [Database(create_engine(database_url)) for _ in range(2)]
    try:
        jobs = [
            JobContext(db=host, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
            for host in hosts
        ]
        summaries = await asyncio.gather(*(sweep_module.sweep(job) for job in jobs))
        async with hosts[0].unit_of_work(readonly=True) as session:
            steps = (
                await session.execute(
                    sa.select(Step.order_id, sa.func.count()).where(Step.action == "escalated").group_by(Step.order_id)
                )
            ).all()
            handling = (
                await session.execute(
                    sa.select(sa.func.count())
                    .select_from(WorkOrder)
                    .where(WorkOrder.handling_unit_id == WorkOrder.unit_id)
                )
            ).scalar_one()
            notices = (
                await session.execute(
                    sa.select(sa.func.count()).select_from(OutboxRow).where(OutboxRow.topic == "complaints.escalated")
                )
            ).scalar_one()
    finally:
        for host in hosts:
            await host.dispose()
    counts = [int(s.split(": ")[1].split(" ")[0]) for s in summaries]
    assert sum(counts) == ORDERS and len(steps) == ORDERS and {n for _, n in steps} == {1}
    assert handling == 0 and notices == ORDERS
