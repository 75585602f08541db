"""How a :class:`~core.types.Moment` crosses the API: decoded with its range check wherever
Litestar decodes a body or a parameter, and described in the OpenAPI document as the
``date-time`` string it is."""

from __future__ import annotations

from typing import Any

from litestar.openapi.spec import OpenAPIFormat, OpenAPIType, Schema
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition

from core.types import MOMENT_YEARS, Moment, decode_moment


def _is_moment(annotation: Any) -> bool:
    return annotation is Moment


TYPE_DECODERS = [(_is_moment, lambda _type, value: decode_moment(value))]
"""For ``Litestar(type_decoders=...)``: msgspec hands every Moment to :func:`decode_moment`."""


class MomentSchema(OpenAPISchemaPlugin):
    """A Moment is an RFC 3339 ``date-time`` string within :data:`~core.types.MOMENT_YEARS`."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return _is_moment(field_definition.annotation)

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        earliest, latest = MOMENT_YEARS
        return Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE_TIME,
                      description=f"RFC 3339 (2026-11-20T09:30:00+08:00), between the years {earliest} and {latest}")
