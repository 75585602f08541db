"""``touchstone demo``: load the demo network into the current, empty database."""

from __future__ import annotations

import click

from core.cli.runtime import Runtime, console, run
from core.demo import DEFAULT_CLIENTS, load_demo
from core.i18n import N_
from core.migrate import ensure_migrated


@click.command(
    help=N_(
        "Load a demo network: head office, 2 branches, 6 sub-branches, 20 outlets, staff, clients. "
        "Refuses a database that already has an organisation; run `touchstone migrate` first."
    )
)
@click.option(
    "--clients",
    default=DEFAULT_CLIENTS,
    show_default=True,
    type=click.IntRange(0, 5_000_000),
    help=N_("How many clients to generate."),
)
def demo(clients: int) -> None:

    async def body(rt: Runtime) -> None:
        await ensure_migrated(rt.db.engine, rt.locations)
        await load_demo(rt, console, clients=clients)

    run(body)
