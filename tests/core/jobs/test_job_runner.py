"""Jobs run under a lock: started twice at once, one runs and the other is skipped; every
run is recorded."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from core import hookimpl
from core.context import JobContext
from core.errors import NotFound
from core.jobs import run_job
from core.models import JobRun
from core.plugins import PluginRuntime, create_plugin_manager
from core.types import Job


class SlowJob:
    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.runs = 0

    async def run(self, job: JobContext) -> str:
        self.runs += 1
        self.started.set()
        await self.release.wait()
        return "slow: done"

    async def boom(self, job: JobContext) -> str:
        raise RuntimeError("disk full")

    @hookimpl
    def register_jobs(self) -> list[Job]:
        return [
            Job(name="slow", description="waits", run=self.run),
            Job(name="boom", description="fails", run=self.boom),
        ]


def context(db, settings, clock, plugin: SlowJob) -> JobContext:  # type: ignore[no-untyped-def]
    return JobContext(
        db=db, plugins=PluginRuntime(create_plugin_manager(plugins=[("slow", plugin)])), clock=clock, settings=settings
    )


async def test_a_job_started_twice_at_once_runs_once(db, network, settings, clock) -> None:
    plugin = SlowJob()
    first = asyncio.create_task(run_job("slow", context(db, settings, clock, plugin)))
    await plugin.started.wait()
    second = await run_job("slow", context(db, settings, clock, plugin))
    plugin.release.set()
    assert await first == "slow: done"
    assert "slow" in second and plugin.runs == 1
    assert await run_job("slow", context(db, settings, clock, plugin)) == "slow: done"  # lock released
    async with db.unit_of_work(readonly=True) as session:
        runs = (await session.execute(sa.select(JobRun.status).where(JobRun.job == "slow"))).scalars().all()
    assert runs == ["succeeded", "succeeded"]


async def test_a_failing_job_is_recorded_as_failed(db, network, settings, clock) -> None:
    with pytest.raises(RuntimeError):
        await run_job("boom", context(db, settings, clock, SlowJob()))
    async with db.unit_of_work(readonly=True) as session:
        run = (await session.execute(sa.select(JobRun).where(JobRun.job == "boom"))).scalar_one()
    assert (run.status, run.summary) == ("failed", "RuntimeError: disk full")


async def test_an_unknown_job_is_named_with_the_available_ones(db, network, settings, clock, english) -> None:
    with pytest.raises(NotFound, match="no job 'nope'; available: ") as refused:
        await run_job("nope", context(db, settings, clock, SlowJob()))
    assert str(refused.value).endswith(". See `touchstone jobs list`")
    named = str(refused.value).split("available: ")[1].removesuffix(". See `touchstone jobs list`").split(", ")
    assert named == sorted(named) and {"archive-purge", "boom", "outbox", "retier", "slow"} <= set(named)
