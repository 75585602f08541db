"""RFC 9457 problem documents for every error, with a stable ``type`` per kind of problem.

Validation errors name each field; domain errors carry what a client needs to fix the call
(``allowed`` transitions, the ``plugin`` that is off). Unexpected errors are logged and
answered with a bare 500 problem, never a stack trace.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from sqlalchemy.exc import IntegrityError

from core.api.choices import query_choices
from core.errors import TouchstoneError, UnknownChoice

PROBLEM_BASE = "https://touchstone.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("touchstone.api")


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    request: Request[Any, Any, Any],
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response[dict[str, Any]]:
    body = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


_MISSING = re.compile(r"Object missing required field `([^`]+)`")
_WHOLE_BODY = {"data", "body"}


def _validation_errors(exc: ValidationException) -> list[dict[str, str]]:
    """Each error with the field it concerns; a missing field is named itself (msgspec
    reports it against the object that lacks it)."""
    errors = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            field = str(item.get("key") or item.get("source") or "body")
            message = str(item.get("message", "invalid"))
            if missing := _MISSING.search(message):
                name = missing.group(1)
                field, message = (name if field in _WHOLE_BODY else f"{field}.{name}"), "is required"
            errors.append({"field": field, "message": message})
    return errors


def on_touchstone_error(request: Request[Any, Any, Any], exc: TouchstoneError) -> Response[dict[str, Any]]:
    return problem(exc.status, exc.slug, str(exc.title), exc.detail, request, **exc.extra)


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
    if choice := _unknown_choice(request, exc):
        return on_touchstone_error(request, choice)
    errors = _validation_errors(exc)
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or str(exc.detail)
    return problem(422 if errors else 400, "validation", "Invalid input", detail, request, errors=errors)


_SLUGS = {401: "unauthenticated", 403: "forbidden", 404: "not-found", 405: "method-not-allowed", 409: "conflict"}


def on_http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    extra = exc.extra if isinstance(exc.extra, dict) else {}
    slug = _SLUGS.get(exc.status_code, "http-error")
    title = slug.replace("-", " ").capitalize()
    return problem(exc.status_code, slug, title, str(exc.detail), request, headers=exc.headers, **extra)


def on_integrity_error(request: Request[Any, Any, Any], exc: IntegrityError) -> Response[dict[str, Any]]:
    """A unique key or foreign key the database enforced: two requests raced for the same
    thing (an idempotency key, a first setting at a unit). Nothing was written; retrying is
    safe."""
    log.info("integrity conflict on %s %s: %s", request.method, request.url.path, exc.orig)
    return problem(
        409, "conflict", "Conflict", "a concurrent change got there first; nothing was written, retry", request
    )


def on_unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "internal", "Internal error", "the server failed; the error is logged", request)


EXCEPTION_HANDLERS = {
    TouchstoneError: on_touchstone_error,
    ValidationException: on_validation_error,
    HTTPException: on_http_error,
    IntegrityError: on_integrity_error,
    Exception: on_unexpected_error,
}
__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_MEDIA_TYPE", "problem"]
