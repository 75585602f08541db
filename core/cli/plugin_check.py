"""``touchstone plugin check``: runs every conformance rule (:mod:`core.api.conformance`) over
the installed plugins, the two that only it runs (the scratch migrations and the wheel's
contents) included, and prints what breaks them."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from core.api import conformance
from core.errors import Finding, PluginNonConformant
from core.plugins import PluginRuntime, create_plugin_manager


@click.command()
@click.argument("name", required=False)
def check(name: str | None) -> None:
    """Check every installed plugin (or only NAME) against the conformance rules; exits 1 when
    one breaks a rule, naming the plugin, the rule and what is wrong."""
    ctx = click.get_current_context()
    root = ctx.find_root().command
    notes: list[Finding] = []
    try:
        subject = conformance.Subject(PluginRuntime(create_plugin_manager()), commands=getattr(root, "commands", {}))
        findings, names = conformance.check(subject, conformance.EVERY_RULE), [*subject.plugins, "core"]
        notes = subject.notes
    except PluginNonConformant as exc:  # pluggy could not even register it: nothing more can be checked
        findings, names = exc.findings, [finding.plugin for finding in exc.findings]
    if name is not None:
        if name not in names:
            raise click.BadParameter(
                f"no plugin '{name}' is installed (installed: {', '.join(sorted(names))})", param_hint="NAME"
            )
        findings, notes = [f for f in findings if f.plugin == name], [n for n in notes if n.plugin == name]
    out = Console()
    checked = name or ", ".join(sorted(names))
    if findings:
        table = Table("plugin", "rule", "what is wrong", title=f"Conformance: {len(findings)} problem(s)")
        for finding in findings:
            table.add_row(finding.plugin, finding.rule, finding.message)
        out.print(table)
    else:
        out.print(f"[green]✓[/] {checked}: every conformance rule holds")
    for note in notes:
        out.print(f"[dim]{note.plugin} · {note.rule}: {note.message}[/]")
    if findings:
        ctx.exit(1)
