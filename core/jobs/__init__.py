"""Background jobs: the registry (from the ``register_jobs`` hook) and the runner.

``touchstone jobs run NAME`` takes the job's lock, records a :class:`~core.models.JobRun`,
runs it and records how it ended. A job already running elsewhere is skipped, not queued.

A dry run (``--dry-run``) is the runner's, so every job has one without code of its own: the
job runs as usual on a :meth:`~core.db.engine.Database.rehearsal` of the database, whose
writes (the outbox messages it would queue among them) are rolled back when it ends, and no
run is recorded. The job's summary then says what it would have done.
"""

from __future__ import annotations

import socket
import time
from typing import Literal

import msgspec

from core.context import JobContext
from core.db.engine import Database
from core.errors import NotFound
from core.i18n import _, lazy_gettext
from core.jobs.locks import job_lock
from core.models import JobRun
from core.plugins import PluginRuntime
from core.types import Job

Outcome = Literal["succeeded", "failed", "skipped", "rehearsed"]
"""How a run ended; ``rehearsed``: a dry run that succeeded (and wrote nothing)."""


class JobReport(msgspec.Struct, frozen=True):
    """One run, as the summary table shows it. ``examined``/``changed`` are what the job
    tallied (None when it tallies nothing); ``seconds`` is wall-clock time."""

    job: str
    outcome: Outcome
    summary: str
    seconds: float = 0.0
    examined: int | None = None
    changed: int | None = None
    dry_run: bool = False


def available_jobs(plugins: PluginRuntime) -> dict[str, Job]:
    return {job.name: job for _, job in sorted(plugins.collect_flat("register_jobs"), key=lambda p: p[1].name)}


def find_job(name: str, plugins: PluginRuntime) -> Job:
    """The job ``name``; 404 naming the available ones."""
    jobs = available_jobs(plugins)
    job = jobs.get(name)
    if job is None:
        raise NotFound(
            _("no job '{name}'; available: {jobs}. See `touchstone jobs list`").format(
                name=name, jobs=", ".join(jobs) or _("none")
            )
        )
    return job


async def run_job(name: str, context: JobContext, *, dry_run: bool = False) -> str:
    """Run job ``name`` (see :func:`perform`); returns its one-line summary."""
    return (await perform(name, context, dry_run=dry_run)).summary


async def perform(name: str, context: JobContext, *, dry_run: bool = False) -> JobReport:
    """Run job ``name`` under its lock (``dry_run``: on a rehearsal, recording nothing)."""
    job = find_job(name, context.plugins)
    async with job_lock(context.db.engine, name) as acquired:
        if not acquired:
            skipped = _("{job}: skipped, already running on another process or host").format(job=name)
            return JobReport(name, "skipped", skipped, dry_run=dry_run)
        started = time.monotonic()
        if dry_run:
            async with context.db.rehearsal() as scratch:
                rehearsal = context.rehearsing(scratch)
                summary = await job.run(rehearsal)
            return _report(name, "rehearsed", summary, started, rehearsal)
        async with context.db.unit_of_work() as session:
            run = JobRun(job=name, host=socket.gethostname(), started_at=context.now, status="running", summary="")
            session.add(run)
        try:
            summary = await job.run(context)
        except BaseException as exc:  # interrupted runs too: no run is left "running" forever
            await _finish(context.db, run.id, context, "failed", f"{type(exc).__name__}: {exc}")
            raise
        await _finish(context.db, run.id, context, "succeeded", summary)
        return _report(name, "succeeded", summary, started, context)


def _report(name: str, outcome: Outcome, summary: str, started: float, context: JobContext) -> JobReport:
    return JobReport(
        name,
        outcome,
        summary,
        seconds=time.monotonic() - started,
        examined=context.examined,
        changed=context.changed,
        dry_run=context.dry_run,
    )


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
            description=lazy_gettext("Purge clients archived longer than the retention period"),
            run=purge_archived_clients,
        ),
        Job(
            name="expire-idempotency-keys",
            description=lazy_gettext("Forget answers kept under Idempotency-Keys once the retention period is over"),
            run=expire_idempotency_keys,
        ),
        Job(
            name="outbox",
            description=lazy_gettext("Deliver queued outgoing messages, with retries and backoff"),
            run=deliver_outbox,
        ),
        Job(
            name="retier",
            description=lazy_gettext("Re-derive every retail client's tier from the thresholds"),
            run=retier,
        ),
    ]
