"""What every list command shares: ``--json`` for scripts.

A list prints as a table for people (headings in their language) and, with ``--json``, as
one JSON array for scripts: keys in English snake_case that never change with the
language, values as the database holds them (codes, ids, ISO 8601 times in UTC).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from core.i18n import N_

F = TypeVar("F", bound=Callable[..., Any])


def json_option(command: F) -> F:
    """The ``--json`` flag, passed to the command as ``as_json``."""
    return click.option(
        "--json", "as_json", is_flag=True, help=N_("Print JSON for scripts (keys never translated) instead of a table.")
    )(command)


def print_json(rows: list[dict[str, Any]]) -> None:
    """``rows`` as a JSON array on stdout, one line per row, keys in a stable order."""
    click.echo("[" + ",\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows) + "]")
