"""``touchstone demo``: load the demo network into the current (empty) database."""

from __future__ import annotations

import click

from core.cli.runtime import Runtime, console, run
from core.db.migrate import ensure_migrated


@click.command()
@click.option("--clients", default=10_000, show_default=True, type=click.IntRange(1, 5_000_000))
def demo(clients: int) -> None:
    """Load a demo network: head office, 2 branches, 6 sub-branches, 20 outlets, staff, clients."""

    async def body(rt: Runtime) -> None:
        from core.demo import load_demo

        await ensure_migrated(rt.db.engine, rt.locations)
        await load_demo(rt, console, clients=clients)

    run(body)
