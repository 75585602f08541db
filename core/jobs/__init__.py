"""Background jobs: the registry (from the ``register_jobs`` hook) and the runner.

``touchstone jobs run NAME`` takes the job's lock, records a :class:`~core.models.JobRun`,
runs it and records how it ended. A job already running elsewhere is skipped, not queued.
"""

from __future__ import annotations

import socket

from core.context import JobContext
from core.db.engine import Database
from core.errors import NotFound
from core.jobs.locks import job_lock
from core.models import JobRun
from core.plugins import PluginRuntime
from core.types import Job


def available_jobs(plugins: PluginRuntime) -> dict[str, Job]:
    return {job.name: job for _, job in sorted(plugins.collect_flat("register_jobs"), key=lambda p: p[1].name)}


async def run_job(name: str, context: JobContext) -> str:
    """Run job ``name`` under its lock; returns its one-line summary."""
    jobs = available_jobs(context.plugins)
    job = jobs.get(name)
    if job is None:
        raise NotFound(f"no job '{name}'; available: {', '.join(jobs) or 'none'}")
    async with job_lock(context.db.engine, name) as acquired:
        if not acquired:
            return f"{name}: skipped, already running on another process or host"
        async with context.db.unit_of_work() as session:
            run = JobRun(job=name, host=socket.gethostname(), started_at=context.now, status="running", summary="")
            session.add(run)
        try:
            summary = await job.run(context)
        except BaseException as exc:  # interrupted runs too: no run is left "running" forever
            await _finish(context.db, run.id, context, "failed", f"{type(exc).__name__}: {exc}")
            raise
        await _finish(context.db, run.id, context, "succeeded", summary)
        return summary


async def _finish(db: Database, run_id: int, context: JobContext, status: str, summary: str) -> None:
    async with db.unit_of_work() as session:
        run = await session.get(JobRun, run_id)
        assert run is not None
        run.finished_at, run.status, run.summary = context.now, status, summary


def core_jobs() -> list[Job]:
    """The core's own jobs, registered through :mod:`core.defaults`."""
    from core.jobs.idempotency import expire_idempotency_keys
    from core.jobs.outbox import deliver_outbox
    from core.jobs.purge import purge_archived_clients
    from core.jobs.retier import retier

    return [
        Job(
            name="archive-purge",
            description="Purge clients archived longer than the retention period",
            run=purge_archived_clients,
        ),
        Job(
            name="expire-idempotency-keys",
            description="Forget answers kept under Idempotency-Keys once the retention period is over",
            run=expire_idempotency_keys,
        ),
        Job(
            name="outbox", description="Deliver queued outgoing messages, with retries and backoff", run=deliver_outbox
        ),
        Job(name="retier", description="Re-derive every retail client's tier from the thresholds", run=retier),
    ]
