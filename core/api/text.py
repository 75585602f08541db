"""No NUL character reaches the database: PostgreSQL's text cannot hold one, and a path, a query
parameter or a JSON string carrying ``\\u0000`` once answered 500 there (SQLite took it).

The guard runs on every route before its parameters and body are decoded, and refuses the
request with a 422 naming the parameter, or the body field (``events[0].note``), that holds one.
No text a bank keeps needs the character.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from core.errors import FieldProblem
from core.i18n import lazy_gettext

NUL = "\x00"
ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
"""``\\u0000`` in JSON text, not preceded by an escaped backslash (``\\\\u0000`` is text)."""
MESSAGE = lazy_gettext("may not contain the NUL character")


def _holding_nul(value: Any) -> str | None:
    """The path (``events[0].note``) of a key or string in ``value`` holding a NUL, first in
    document order (walked without recursion: a body may nest deep)."""
    pending: list[tuple[str, Any]] = [("", value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str) and NUL in item:
            return path
        if isinstance(item, dict):
            steps = [(f"{path}.{key}" if path else key, key, child) for key, child in item.items()]
            if found := next((step for step, key, _ in steps if NUL in key), None):
                return found
            pending += [(step, child) for step, _, child in reversed(steps)]
        elif isinstance(item, list):
            pending += [(f"{path}[{index}]", child) for index, child in reversed(list(enumerate(item)))]
    return None


async def no_nul_characters(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """422 naming the parameter or body field that holds a NUL character."""
    for name, value in [*connection.path_params.items(), *connection.query_params.multi_items()]:
        if NUL in name or (isinstance(value, str) and NUL in value):
            raise FieldProblem.one(name, MESSAGE)
    if not isinstance(connection, Request) or connection.method in ("GET", "HEAD", "OPTIONS"):
        return
    body = await connection.body()
    if NUL.encode() in body:
        raise FieldProblem.one("body", MESSAGE)
    if ESCAPED_NUL.search(body):
        try:
            field = _holding_nul(msgspec.json.decode(body))
        except msgspec.DecodeError:
            return  # not JSON: decoding the body says so
        raise FieldProblem.one(field or "body", MESSAGE)
