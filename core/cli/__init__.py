"""The ``touchstone`` command line.

Operators script against these names: ``serve``, ``migrate``, ``plugins``, ``token``,
``demo``, ``jobs``, ``console``. Every command reads its settings from the environment
(``TOUCHSTONE_DATABASE_URL``, ``TOUCHSTONE_DATA_DIR``) and the config file, and speaks
Chinese unless ``--lang en`` or ``TOUCHSTONE_LANG=en`` asks for English.
"""

from __future__ import annotations

import click

from core.cli.console import console_command
from core.cli.demo import demo
from core.cli.jobs import jobs
from core.cli.migrate import migrate
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


for command in (serve, migrate, plugins, token, demo, jobs, console_command):
    main.add_command(command)
