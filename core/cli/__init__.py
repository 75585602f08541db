"""The ``touchstone`` command line.

Operators script against these names: ``serve``, ``migrate``, ``plugins``, ``plugin`` (an author's tools), ``token``,
``demo``, ``jobs``, and ``console``, which the console registers itself through the
``touchstone.commands`` entry-point group (the core never imports the console). Every command reads its settings from the environment
(``TOUCHSTONE_DATABASE_URL``, ``TOUCHSTONE_DATA_DIR``) and the config file, and speaks
Chinese unless ``--lang en`` or ``TOUCHSTONE_LANG=en`` asks for English.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import click

from core.cli.demo import demo
from core.cli.jobs import jobs
from core.cli.migrate import migrate
from core.cli.plugin import plugin
from core.cli.plugins import plugins
from core.cli.serve import serve
from core.cli.tokens import token
from core.i18n import LANGUAGES, language


def speak(ctx: click.Context, _param: click.Parameter, tag: str | None) -> None:
    """Speak ``--lang`` until the command ends."""
    if tag is not None:
        try:
            ctx.with_resource(language(tag))
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="touchstone")
@click.option("--lang", metavar="LANG", callback=speak, expose_value=False, is_eager=True,
              help=f"Language of messages: {' or '.join(LANGUAGES)} (default: TOUCHSTONE_LANG, else zh_CN).")
def main() -> None:
    """Touchstone: service standards for a bank's branch network."""


COMMANDS_GROUP = "touchstone.commands"
"""Entry points of commands other parts of the distribution add (``console``)."""

for command in (serve, migrate, plugins, plugin, token, demo, jobs):
    main.add_command(command)
for entry in entry_points(group=COMMANDS_GROUP):
    main.add_command(entry.load(), name=entry.name)
