"""``touchstone plugins``: what is installed, its version, its hooks, where it is on.

What is installed comes from the plugins themselves, so the list works on a fresh install
too; where each is on lives in the database, and until the database is migrated the
"enabled at" column says so instead."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from core import migrate as migrations
from core.cli.runtime import Runtime, run
from core.plugins import PluginInfo, describe_plugins

NOT_MIGRATED = "database not migrated: run `touchstone migrate`"


def where(info: PluginInfo, pending: dict[str, list[str]]) -> str:
    """The "enabled at" cell: where it is on, or why that is not known."""
    if pending.get(migrations.CORE_MIGRATIONS.owner):
        return NOT_MIGRATED
    enabled = "everywhere (core)" if info.always_on else ", ".join(info.enabled_at) or "nowhere"
    return f"{enabled}; its tables are not migrated: run `touchstone migrate`" if pending.get(info.name) else enabled


@click.command()
def plugins() -> None:
    """List installed plugins with their version, hooks and where they are enabled."""

    async def body(rt: Runtime) -> None:
        pending = await migrations.pending(rt.db.engine, rt.locations)
        snapshot = None
        if not pending[migrations.CORE_MIGRATIONS.owner]:  # the switches live in the core's tables
            async with rt.db.unit_of_work(readonly=True) as session:
                snapshot = await rt.plugins.snapshot(session)
        table = Table("plugin", "version", "hooks", "enabled at", "disabled at", title="Installed plugins")
        for info in describe_plugins(rt.plugins.pm, snapshot):
            table.add_row(
                info.name, info.version, ", ".join(info.hooks), where(info, pending), ", ".join(info.disabled_at)
            )
        Console().print(table)

    run(body)
