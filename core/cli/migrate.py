"""``touchstone migrate``: upgrade the core, then every installed plugin."""

from __future__ import annotations

import click

from core import migrate as migrations
from core.cli.runtime import Runtime, console, run
from core.i18n import N_, _, ngettext


@click.command(help=N_("Bring the database schema up to date (or say what is pending)."))
@click.option("--pending", "show_pending", is_flag=True, help=N_("List pending revisions per owner; change nothing."))
def migrate(show_pending: bool) -> None:

    async def body(rt: Runtime) -> None:
        pending = await migrations.pending(rt.db.engine, rt.locations)
        if show_pending:
            for owner, revisions in pending.items():
                click.echo(
                    f"{owner}: {', '.join(revisions)}" if revisions else _("{owner}: up to date").format(owner=owner)
                )
            return
        if not any(pending.values()):
            console.print(_("Database is up to date."))
            return
        with console.status(_("Migrating…")) as status:
            await migrations.upgrade(
                rt.db.engine, rt.locations, progress=lambda o: status.update(_("Migrating {owner}…").format(owner=o))
            )
        for owner, revisions in pending.items():
            if revisions:
                console.print(
                    ngettext(
                        "{owner}: applied {count} revision", "{owner}: applied {count} revisions", len(revisions)
                    ).format(owner=owner, count=len(revisions))
                )

    run(body)
