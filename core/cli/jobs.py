"""``touchstone jobs list|run NAME``."""

from __future__ import annotations

import click

from core.cli.runtime import Runtime, console, run
from core.errors import TouchstoneError
from core.jobs import available_jobs, run_job
from core.migrate import ensure_migrated


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
            try:
                summary = await run_job(name, rt.system(progress=lambda text: status.update(f"{name}: {text}")))
            except TouchstoneError:
                raise
            except Exception as exc:  # recorded as a failed run; the operator gets one line, not a traceback
                raise click.ClickException(f"job {name} failed: {type(exc).__name__}: {exc}") from exc
        click.echo(summary)

    run(body)
