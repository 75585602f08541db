"""The ``touchstone`` command line.

Operators script against these names: ``serve``, ``migrate``, ``plugins``, ``plugin`` (an
author's tools), ``token``, ``demo``, ``jobs``, and ``console``, which the console registers
itself through the ``touchstone.commands`` entry-point group (the core never imports the
console); installed plugins add theirs (``register_commands``), under names none of these
and no other plugin's command has. Every command reads its settings from the environment
(``TOUCHSTONE_DATABASE_URL``, ``TOUCHSTONE_DATA_DIR``) and the config file, speaks Chinese
unless ``--lang en`` or ``TOUCHSTONE_LANG=en`` asks for English, and refuses to start with a
plugin that breaks a conformance rule (``touchstone plugin check`` says which).
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

import click

from core.cli.demo import demo
from core.cli.help import speak_help
from core.cli.jobs import jobs
from core.cli.migrate import migrate
from core.cli.plugin import plugin
from core.cli.plugins import plugins
from core.cli.runtime import conforming_plugins
from core.cli.serve import serve
from core.cli.tokens import token
from core.errors import PluginRefused
from core.i18n import N_, language


def speak(ctx: click.Context, _param: click.Parameter, tag: str | None) -> None:
    """Speak ``--lang`` until the command ends."""
    if tag is not None:
        try:
            ctx.with_resource(language(tag))
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc


COMMANDS_GROUP = "touchstone.commands"
"""Entry points of commands other parts of the distribution add (``console``)."""


class Touchstone(click.Group):
    """The core's commands, the distribution's own (``touchstone.commands``, each loaded only
    when it runs or help lists it, so ``touchstone serve`` never imports the console), then
    the installed plugins' (``register_commands``). A core command is found without loading
    any plugin; a plugin command whose name is taken is refused, with the rest of what breaks
    conformance (rule ``clash``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entry_commands = {entry.name: entry for entry in entry_points(group=COMMANDS_GROUP)}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.entry_commands, *self.plugin_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.entry_commands:
            self.add_command(self.entry_commands[cmd_name].load(), name=cmd_name)
        found = super().get_command(ctx, cmd_name) or self.plugin_commands(ctx).get(cmd_name)
        return speak_help(found) if found else None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        speak_help(self)
        super().format_help(ctx, formatter)

    def plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        """Loaded once per invocation (help asks for every command)."""
        meta = ctx.find_root().meta
        if "touchstone.plugin_commands" not in meta:
            try:
                runtime = conforming_plugins(commands={*self.commands, *self.entry_commands})
            except PluginRefused as exc:
                raise click.ClickException(str(exc)) from exc
            meta["touchstone.plugin_commands"] = {
                command.name: command for _, command in runtime.collect_flat("register_commands") if command.name
            }
        commands: dict[str, click.Command] = meta["touchstone.plugin_commands"]
        return commands


@click.group(
    cls=Touchstone,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("Touchstone: service standards for a bank's branch network."),
)
@click.version_option(package_name="touchstone", help=N_("Show the version and exit."))
@click.option(
    "--lang",
    metavar="LANG",
    callback=speak,
    expose_value=False,
    is_eager=True,
    help=N_("Language of messages: zh_CN or en (default: TOUCHSTONE_LANG, else zh_CN)."),
)
def main() -> None:
    pass


for command in (serve, migrate, plugins, plugin, token, demo, jobs):
    main.add_command(command)
