"""Help texts in the language of the invocation.

Click reads a command's help when the command is built, at import, long before ``--lang``
or ``TOUCHSTONE_LANG`` is known, and it takes only ``str``. So help is written in English
and marked with :func:`N_` (which the catalog extraction finds, as gettext's usual "mark
now, translate later" name), and :func:`speak_help` translates a command, its options and
its subcommands in place just before click shows them, keeping each English original to
translate again in the next invocation's language (tests run many in one process).
"""

from __future__ import annotations

import click

from core.i18n import _

_SOURCE = "touchstone_help_source"
"""The attribute keeping an item's English help, from which each language is translated."""


def _translate(item: click.Command | click.Parameter, attribute: str) -> None:
    sources: dict[str, str | None] = item.__dict__.setdefault(_SOURCE, {})
    source = sources.setdefault(attribute, getattr(item, attribute, None))
    if source:
        setattr(item, attribute, _(source))


def speak_help(command: click.Command) -> click.Command:
    """Translate ``command``'s help, short help and options' help, and its subcommands', into
    the current language; returns the command."""
    _translate(command, "help")
    _translate(command, "short_help")
    for param in command.params:
        _translate(param, "help")
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            speak_help(sub)
    return command
