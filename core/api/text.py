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

NUL = "\x00"
ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
"""``\\u0000`` in JSON text, not preceded by an escaped backslash (``\\\\u0000`` is text)."""
MESSAGE = "may not contain the NUL character"


def _holding_nul(value: Any, path: str = "") -> str | None:
    """The path (``events[0].note``) of the first key or string in ``value`` holding a NUL."""
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            step = f"{path}.{key}" if path else key
            if NUL in key or (found := _holding_nul(item, step)) is not None:
                return step if NUL in key else found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if (found := _holding_nul(item, f"{path}[{index}]")) is not None:
                return found
    return None


async def no_nul_characters(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """422 naming the parameter or body field that holds a NUL character."""
    for name, value in [*connection.path_params.items(), *connection.query_params.multi_items()]:
        if NUL in name or isinstance(value, str) and NUL in value:
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
