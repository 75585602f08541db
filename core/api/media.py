"""Request bodies are JSON: a body sent as another declared type is refused with a 415 problem,
and one nested too deeply to decode with a 400.

Litestar decodes a handler's ``data`` as JSON whatever the request's ``Content-Type`` says, so a
form or plain text answered 400 "JSON is malformed" (or, when it parsed, was taken as JSON), and
JSON nested a thousand levels deep ran out of stack while decoding and answered 500. The guard
runs on every route before the body is decoded. A body without a ``Content-Type`` is still
decoded as JSON; routes that read the raw body (a TOML import) declare no ``data`` and are not
concerned.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.enums import RequestEncodingType
from litestar.handlers.base import BaseRouteHandler

from core.errors import TouchstoneError, UnsupportedMediaType
from core.i18n import _

JSON = RequestEncodingType.JSON
JSON_MEDIA = re.compile(r"application/(?:[\w.-]+\+)?json")
DEEP = 500
"""Fewer brackets than this cannot nest deep enough to matter: the body is not decoded twice."""


async def json_bodies_only(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """415 when the handler takes a JSON body and the request declares another media type; 400
    when the body nests too deeply to decode."""
    data = handler.parsed_fn_signature.parameters.get("data")
    if data is None or getattr(data.kwarg_definition, "media_type", JSON) != JSON:
        return
    declared = connection.headers.get("content-type")
    if declared is not None and not JSON_MEDIA.fullmatch(declared.partition(";")[0].strip().lower()):
        raise UnsupportedMediaType(
            _("send the body as JSON with 'Content-Type: application/json', not '{declared}'").format(
                declared=declared
            ),
            expected="application/json",
        )
    if not isinstance(connection, Request):
        return
    body = await connection.body()
    if body.count(b"[") + body.count(b"{") >= DEEP:
        try:
            msgspec.json.decode(body)
        except RecursionError as exc:
            raise TouchstoneError(_("the body nests too deeply to decode")) from exc
        except msgspec.DecodeError:
            return  # decoding the body says what is wrong with it
