"""A query parameter's choices, read from its handler's signature: a ``Literal`` or an
``Enum`` (also when optional). Litestar refuses a value outside them as a validation error;
:mod:`core.api.problems` turns that into the 400 :class:`~core.errors.UnknownChoice` naming
the parameter and what it allows, the same answer a handler gives for choices only known at
run time (the bank's tiers, through :func:`~core.errors.check_choice`)."""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

from litestar.handlers import HTTPRouteHandler


def _choices(annotation: Any) -> list[str] | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _choices(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return [str(v) for v in typing.get_args(annotation)]
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _choices(kinds[0]) if len(kinds) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(m.value) for m in annotation]
    return None


def query_choices(handler: HTTPRouteHandler) -> dict[str, tuple[str, list[str]]]:
    """Each enum-typed query parameter of ``handler``: by the handler's name for it (as
    validation reports it), the name a client sends and its choices."""
    found = {}
    for field in handler.parsed_fn_signature.parameters.values():
        kwarg = field.kwarg_definition
        if kwarg is not None and (getattr(kwarg, "header", None) or getattr(kwarg, "cookie", None)):
            continue
        sent = getattr(kwarg, "query", None) or getattr(kwarg, "name", None) or field.name
        if (choices := _choices(field.annotation)) is not None:
            found[field.name] = (sent, choices)
            found[sent] = (sent, choices)
    return found
