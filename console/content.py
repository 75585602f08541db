"""A standard's content as the editor handles it: plain data in, the API's Struct out.

The editor keeps a draft's content as JSON-like data while a person works on it and turns
it into :class:`StandardContent` (the API's own body type) with ``msgspec.convert`` before
sending, which applies the same length and pattern rules the API's decoder will. A broken
rule becomes an :class:`ApiError` shaped like the API's answer (``errors`` naming
``controls[2].key``), so one code path shows local and remote verdicts at their fields.
"""

from __future__ import annotations

from typing import Any

import msgspec

from console.api import ApiError, FieldError, Problem
from core.api.schemas.standards import StandardContent
from core.errors import validation_field
from core.i18n import _


def local_problem(errors: list[tuple[str, str]]) -> ApiError:
    """Local findings in the shape of the API's 422 answer."""
    detail = "; ".join(f"{field}: {message}" for field, message in errors)
    return ApiError(
        Problem(
            type="local-validation",
            title=_("Invalid input"),
            status=422,
            detail=detail,
            errors=[FieldError(field=f, message=m) for f, m in errors],
        )
    )


def to_content(data: dict[str, Any]) -> StandardContent:
    """Plain data → the API's content Struct, or an :class:`ApiError` naming the field."""
    try:
        return msgspec.convert(data, StandardContent)
    except msgspec.ValidationError as exc:
        path, message = validation_field(exc)
        raise local_problem([(path or "content", message)]) from exc


def as_data(content: StandardContent) -> dict[str, Any]:
    return msgspec.to_builtins(content)


def show_value(value: Any) -> str:
    """A threshold or parameter as a person types it back."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={show_value(v)}" for k, v in value.items())
    return "" if value is None else str(value)
