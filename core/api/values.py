"""How the request value types of :mod:`core.types` cross the API: a :class:`~core.types.Moment`
and a :class:`~core.types.FiniteDecimal` are decoded with their checks wherever Litestar decodes
a body or a parameter, and described in the OpenAPI document as the strings they are."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.openapi.spec import OpenAPIFormat, OpenAPIType, Schema
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition

from core.types import DECIMAL_LIMIT, MOMENT_YEARS, FiniteDecimal, Moment, decode_finite_decimal, decode_moment

EARLIEST, LATEST = MOMENT_YEARS
DECODERS: dict[type, Callable[[Any], Any]] = {Moment: decode_moment, FiniteDecimal: decode_finite_decimal}
SCHEMAS = {
    Moment: Schema(
        type=OpenAPIType.STRING,
        format=OpenAPIFormat.DATE_TIME,
        description=f"RFC 3339 (2026-11-20T09:30:00+08:00), between the years {EARLIEST} and {LATEST}",
    ),
    FiniteDecimal: Schema(
        type=OpenAPIType.STRING, description=f'A decimal number ("1280.50"), smaller than {DECIMAL_LIMIT:,.0f} in size'
    ),
}


def _ours(annotation: Any) -> bool:
    return any(annotation is kind for kind in DECODERS)


def dec_hook(kind: type, value: Any) -> Any:
    """For a body decoded outside Litestar's own decoding (``msgspec.json.Decoder(T,
    dec_hook=dec_hook)``): the same checks as :data:`TYPE_DECODERS`."""
    if _ours(kind):
        return DECODERS[kind](value)
    raise NotImplementedError(f"no decoder for {kind!r}")


TYPE_DECODERS = [(_ours, lambda kind, value: dec_hook(kind, value))]
"""For ``Litestar(type_decoders=...)``: msgspec hands every such value to its decoder."""


class ValueSchemas(OpenAPISchemaPlugin):
    """The OpenAPI schema of each request value type."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return _ours(field_definition.annotation)

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        return SCHEMAS[field_definition.annotation]
