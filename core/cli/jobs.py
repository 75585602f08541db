"""``touchstone jobs list|run NAME``."""

from __future__ import annotations

import click

from core.cli.runtime import Runtime, console, run
from core.context import JobContext
from core.db.migrate import ensure_migrated
from core.jobs import available_jobs, run_job


@click.group()
def jobs() -> None:
    """Background jobs (safe to start on several hosts at once)."""


@jobs.command("list")
def list_jobs() -> None:
    """List the jobs the installed plugins provide."""

    async def body(rt: Runtime) -> None:
        for name, job in available_jobs(rt.plugins).items():
            click.echo(f"{name}\t{job.description}")

    run(body)


@jobs.command("run")
@click.argument("name")
def run_command(name: str) -> None:
    """Run job NAME once and print its summary."""

    async def body(rt: Runtime) -> None:
        await ensure_migrated(rt.db.engine, rt.locations)
        with console.status(f"Running {name}…") as status:
            context = JobContext(db=rt.db, plugins=rt.plugins, clock=rt.clock, settings=rt.settings,
                                 progress=lambda text: status.update(f"{name}: {text}"))
            summary = await run_job(name, context)
        click.echo(summary)

    run(body)
