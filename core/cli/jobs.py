"""``touchstone jobs list|run NAME…``.

``run`` shows a progress bar while each job works (on a terminal; piped, each progress step
is a plain line instead) and ends with a table: job, rows examined, rows changed, duration,
outcome, then each job's own summary line. ``--dry-run`` is the runner's (see
:mod:`core.jobs`), so every job, a plugin's too, has one. Nothing here prints more than the
jobs report: counts and ids, never a client's name, phone or ID number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from core.cli.listing import json_option, print_json
from core.cli.runtime import Runtime, run
from core.errors import TouchstoneError
from core.i18n import N_, _
from core.jobs import JobReport, available_jobs, find_job, perform
from core.migrate import ensure_migrated


@click.group(help=N_("Background jobs (safe to start on several hosts at once)."))
def jobs() -> None:
    pass


@jobs.command("list", help=N_("List the jobs the core and the installed plugins provide."))
@json_option
def list_jobs(as_json: bool) -> None:
    async def body(rt: Runtime) -> None:
        found = available_jobs(rt.plugins)
        if as_json:
            print_json([{"name": name, "description": str(job.description)} for name, job in found.items()])
            return
        table = Table(_("job"), _("what it does"), title=_("Jobs"))
        for name, job in found.items():
            table.add_row(name, str(job.description))
        Console().print(table)

    run(body)


OUTCOMES = {
    "succeeded": N_("succeeded"),
    "failed": N_("failed"),
    "skipped": N_("skipped"),
    "rehearsed": N_("dry run, rolled back"),
}


def count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def summary_table(reports: list[JobReport]) -> Table:
    """The table ``run`` ends with."""
    table = Table(title=_("Job runs"))
    table.add_column(_("job"))
    table.add_column(_("rows examined"), justify="right")
    table.add_column(_("rows changed"), justify="right")
    table.add_column(_("duration"), justify="right")
    table.add_column(_("outcome"))
    for report in reports:
        outcome = _(OUTCOMES[report.outcome])
        style = {"failed": "red", "skipped": "yellow"}.get(report.outcome, "green")
        table.add_row(
            report.job,
            count(report.examined),
            count(report.changed),
            _("{seconds:.1f} s").format(seconds=report.seconds),
            f"[{style}]{outcome}[/]",
        )
    return table


@contextmanager
def progress_for(out: Console, name: str) -> Iterator[Callable[[str], None]]:
    """A function a job reports its steps to: a bar on a terminal, plain lines otherwise."""
    if not out.is_terminal:
        out.print(_("{job}: started").format(job=name), highlight=False)
        yield lambda text: out.print(_("{job}: {step}").format(job=name, step=text), highlight=False)
        return
    columns = (SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.fields[step]}"))
    with Progress(*columns, TimeElapsedColumn(), console=out, transient=True) as bar:
        task = bar.add_task(name, total=None, step=_("starting…"))
        yield lambda text: bar.update(task, step=text)


@jobs.command(
    "run",
    help=N_(
        "Run jobs NAME… once each, in order, and end with a summary table. With --dry-run each runs "
        "in a transaction that is rolled back: nothing is written or sent, and the table says what it would do."
    ),
)
@click.argument("names", metavar="NAME…", nargs=-1, required=True)
@click.option(
    "--dry-run", is_flag=True, help=N_("Do the work in a transaction that is rolled back; write and send nothing.")
)
def run_command(names: tuple[str, ...], dry_run: bool) -> None:
    out = Console(highlight=False)

    async def body(rt: Runtime) -> None:
        for name in names:
            find_job(name, rt.plugins)  # every name known before any job starts
        await ensure_migrated(rt.db.engine, rt.locations)
        reports: list[JobReport] = []
        failure = None
        for name in names:
            with progress_for(out, name) as progress:
                try:
                    reports.append(await perform(name, rt.system(progress=progress), dry_run=dry_run))
                except TouchstoneError:
                    raise
                except Exception as exc:  # recorded as a failed run; the operator gets a line, not a traceback
                    reports.append(JobReport(name, "failed", f"{type(exc).__name__}: {exc}", dry_run=dry_run))
                    failure = name
                    break
        out.print(summary_table(reports))
        for report in reports:
            out.print(report.summary)
        if dry_run:
            out.print(_("Dry run: everything above was rolled back; nothing was written or sent."))
        if failure is not None:
            fix = _("job {job} failed: fix the cause above, then run `touchstone jobs run {job}` again")
            raise click.ClickException(fix.format(job=failure))

    run(body)
