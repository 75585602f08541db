"""``touchstone plugins``: what is installed, its version, its hooks, where it is on.

What is installed comes from the plugins themselves, so the list works on a fresh install
too; where each is on lives in the database, and until the database is migrated the
"enabled at" column says so instead. ``--json`` gives scripts the same as data: where a
plugin is on as unit codes, ``null`` while that is not known."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from core import migrate as migrations
from core.cli.listing import json_option, print_json
from core.cli.runtime import Runtime, run
from core.i18n import N_, _
from core.plugins import PluginInfo, describe_plugins


def where(info: PluginInfo, pending: dict[str, list[str]]) -> str:
    """The "enabled at" cell: where it is on, or why that is not known."""
    if pending.get(migrations.CORE_MIGRATIONS.owner):
        return _("database not migrated: run `touchstone migrate`")
    enabled = _("everywhere (core)") if info.always_on else ", ".join(info.enabled_at) or _("nowhere")
    if pending.get(info.name):
        return _("{enabled}; its tables are not migrated: run `touchstone migrate`").format(enabled=enabled)
    return enabled


def as_data(info: PluginInfo, pending: dict[str, list[str]]) -> dict[str, object]:
    """One plugin for ``--json``: ``enabled_at``/``disabled_at`` are None until the core is
    migrated; ``migrated`` says whether the plugin's own tables are."""
    known = not pending.get(migrations.CORE_MIGRATIONS.owner)
    return {
        "name": info.name,
        "version": info.version,
        "description": info.description,
        "hooks": list(info.hooks),
        "always_on": info.always_on,
        "enabled_at": list(info.enabled_at) if known else None,
        "disabled_at": list(info.disabled_at) if known else None,
        "migrated": not pending.get(info.name),
    }


@click.command(help=N_("List installed plugins with their version, hooks and where they are enabled."))
@json_option
def plugins(as_json: bool) -> None:
    async def body(rt: Runtime) -> None:
        pending = await migrations.pending(rt.db.engine, rt.locations)
        snapshot = None
        if not pending[migrations.CORE_MIGRATIONS.owner]:  # the switches live in the core's tables
            async with rt.db.unit_of_work(readonly=True) as session:
                snapshot = await rt.plugins.snapshot(session)
        found = describe_plugins(rt.plugins.pm, snapshot)
        if as_json:
            print_json([as_data(info, pending) for info in found])
            return
        table = Table(
            _("plugin"), _("version"), _("hooks"), _("enabled at"), _("disabled at"), title=_("Installed plugins")
        )
        for info in found:
            table.add_row(
                info.name, info.version, ", ".join(info.hooks), where(info, pending), ", ".join(info.disabled_at)
            )
        Console().print(table)

    run(body)
