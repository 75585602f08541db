"""``touchstone migrate``: upgrade the core, then every installed plugin."""

from __future__ import annotations

import click

from core import migrate as migrations
from core.cli.runtime import Runtime, console, run


@click.command()
@click.option("--pending", "show_pending", is_flag=True, help="List pending revisions per owner; change nothing.")
def migrate(show_pending: bool) -> None:
    """Bring the database schema up to date (or say what is pending)."""

    async def body(rt: Runtime) -> None:
        pending = await migrations.pending(rt.db.engine, rt.locations)
        if show_pending:
            for owner, revisions in pending.items():
                click.echo(f"{owner}: {', '.join(revisions) if revisions else 'up to date'}")
            return
        if not any(pending.values()):
            console.print("Database is up to date.")
            return
        with console.status("Migrating…") as status:
            await migrations.upgrade(rt.db.engine, rt.locations, progress=lambda o: status.update(f"Migrating {o}…"))
        for owner, revisions in pending.items():
            if revisions:
                console.print(f"{owner}: applied {len(revisions)} revision(s)")

    run(body)
