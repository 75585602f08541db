"""RFC 9457 problem documents for every error, with a stable ``type`` per kind of problem.

Validation errors name each field; domain errors carry what a client needs to fix the call
(``allowed`` transitions, the ``plugin`` that is off). Unexpected errors are logged and
answered with a bare 500 problem, never a stack trace.

``title`` and ``detail`` speak the request's language (Chinese unless ``Accept-Language``
asks for English); ``type``, field names and values never change. The handlers take the
language from the request themselves: errors raised by a middleware or the router reach them
outside :class:`~core.api.language.LanguageMiddleware`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from sqlalchemy.exc import IntegrityError

from core.api.choices import query_choices
from core.errors import TouchstoneError, UnknownChoice, field_rule
from core.i18n import LazyString, _, language, lazy_gettext, negotiate

PROBLEM_BASE = "https://touchstone.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("touchstone.api")


def problem(
    status: int,
    slug: str,
    title: str | LazyString,
    detail: str | LazyString,
    request: Request[Any, Any, Any],
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response[dict[str, Any]]:
    with language(negotiate(request.headers.get("accept-language"))):
        title, detail = str(title), str(detail)
    body = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


_WHOLE_BODY = {"data", "body"}


def _validation_errors(exc: ValidationException) -> list[dict[str, str]]:
    """Each error with the field it concerns and its rule in the request's language
    (:func:`core.errors.field_rule` names a missing field itself)."""
    errors = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            field = str(item.get("key") or item.get("source") or "body")
            path, message = field_rule("" if field in _WHOLE_BODY else field, str(item.get("message", "invalid")))
            errors.append({"field": path or field, "message": message})
    return errors


def on_touchstone_error(request: Request[Any, Any, Any], exc: TouchstoneError) -> Response[dict[str, Any]]:
    return problem(exc.status, exc.slug, exc.title, exc.detail, request, **exc.extra)


def _unknown_choice(request: Request[Any, Any, Any], exc: ValidationException) -> UnknownChoice | None:
    """A query value outside its parameter's Literal or Enum, as the 400 naming what it allows."""
    handler = request.scope.get("route_handler")
    choices = query_choices(handler) if handler is not None else {}
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict) and item.get("source") == "query" and (key := item.get("key")) in choices:
            sent, allowed = choices[key]
            return UnknownChoice(sent, request.query_params.get(sent, ""), allowed)
    return None


def on_validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    with language(negotiate(request.headers.get("accept-language"))):
        if choice := _unknown_choice(request, exc):
            return on_touchstone_error(request, choice)
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or _whole_request(str(exc.detail))
    return problem(422 if errors else 400, "validation", lazy_gettext("Invalid input"), detail, request, errors=errors)


_MISSING_PARAMETER = re.compile(r"Missing required (?P<source>\w+) parameter '(?P<name>[^']+)' for path .*")


def _whole_request(detail: str) -> str:
    """Litestar's refusal of a request as a whole, in the request's language: a missing
    header, query or cookie parameter is named; anything else is said generally."""
    if missing := _MISSING_PARAMETER.fullmatch(detail):
        return _("the {source} parameter '{name}' is required").format(**missing.groupdict())
    return _("the request is not valid")


_SLUGS = {401: "unauthenticated", 403: "forbidden", 404: "not-found", 405: "method-not-allowed", 409: "conflict"}
_TITLES = {
    "unauthenticated": lazy_gettext("Unauthenticated"),
    "forbidden": lazy_gettext("Forbidden"),
    "not-found": lazy_gettext("Not found"),
    "method-not-allowed": lazy_gettext("Method not allowed"),
    "conflict": lazy_gettext("Conflict"),
    "http-error": lazy_gettext("HTTP error"),
}
_ROUTING_DETAILS = {
    404: lazy_gettext("no such path in this API"),
    405: lazy_gettext("this path does not take that method"),
}
"""Litestar's own English for an unknown path or method, said in the request's language."""


def on_http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    extra = exc.extra if isinstance(exc.extra, dict) else {}
    slug = _SLUGS.get(exc.status_code, "http-error")
    detail: str | LazyString = str(exc.detail)
    if detail in ("Not Found", "Method Not Allowed") and exc.status_code in _ROUTING_DETAILS:
        detail = _ROUTING_DETAILS[exc.status_code]
    return problem(exc.status_code, slug, _TITLES[slug], detail, request, headers=exc.headers, **extra)


def on_integrity_error(request: Request[Any, Any, Any], exc: IntegrityError) -> Response[dict[str, Any]]:
    """A unique key or foreign key the database enforced: two requests raced for the same
    thing (an idempotency key, a first setting at a unit). Nothing was written; retrying is
    safe."""
    log.info("integrity conflict on %s %s: %s", request.method, request.url.path, exc.orig)
    return problem(
        409,
        "conflict",
        lazy_gettext("Conflict"),
        lazy_gettext("a concurrent change got there first; nothing was written, retry"),
        request,
    )


def on_unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        500, "internal", lazy_gettext("Internal error"), lazy_gettext("the server failed; the error is logged"), request
    )


EXCEPTION_HANDLERS = {
    TouchstoneError: on_touchstone_error,
    ValidationException: on_validation_error,
    HTTPException: on_http_error,
    IntegrityError: on_integrity_error,
    Exception: on_unexpected_error,
}
__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_MEDIA_TYPE", "problem"]
