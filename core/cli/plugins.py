"""``touchstone plugins``: what is installed, its version, its hooks, where it is on."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from core.cli.runtime import Runtime, run
from core.migrate import ensure_migrated
from core.plugins import describe_plugins


@click.command()
def plugins() -> None:
    """List installed plugins with their version, hooks and where they are enabled."""

    async def body(rt: Runtime) -> None:
        await ensure_migrated(rt.db.engine, rt.locations)  # where plugins are on lives in the database
        async with rt.db.unit_of_work(readonly=True) as session:
            infos = describe_plugins(rt.plugins.pm, await rt.plugins.snapshot(session))
        table = Table("plugin", "version", "hooks", "enabled at", "disabled at", title="Installed plugins")
        for info in infos:
            table.add_row(
                info.name,
                info.version,
                ", ".join(info.hooks),
                "everywhere (core)" if info.always_on else ", ".join(info.enabled_at) or "nowhere",
                ", ".join(info.disabled_at),
            )
        Console().print(table)

    run(body)
