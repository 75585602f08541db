"""A response body as a table: the columns a response type flattens into, and each item's cells.

An export shows exactly what the JSON answer shows (masked as it is masked), so the table is
read from the same msgspec Structs: a nested Struct's fields become columns of their own
(``unit.code``, ``manager.name``), a list or a mapping stays one cell holding its JSON. The
columns come from the type, not from the rows, so an empty export still has its header.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec
from msgspec import inspect as mi

from core.i18n import LazyString, _

NUMERIC = (mi.IntType, mi.FloatType, mi.DecimalType)
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Column(msgspec.Struct, frozen=True):
    """One column: where its value is in an item (``("unit", "code")``) and whether it is a
    number (a spreadsheet then stores it as one)."""

    path: tuple[str, ...]
    numeric: bool = False

    @property
    def key(self) -> str:
        return ".".join(self.path)


def _struct_of(info: mi.Type) -> mi.StructType | None:
    """The Struct a field holds, also when it may be null (``UnitOut | None``)."""
    if isinstance(info, mi.StructType):
        return info
    if isinstance(info, mi.UnionType):
        kinds = [t for t in info.types if not isinstance(t, mi.NoneType)]
        if len(kinds) == 1 and isinstance(kinds[0], mi.StructType):
            return kinds[0]
    return None


def _is_numeric(info: mi.Type) -> bool:
    if isinstance(info, mi.UnionType):
        kinds = [t for t in info.types if not isinstance(t, mi.NoneType)]
        return bool(kinds) and all(isinstance(t, NUMERIC) for t in kinds)
    return isinstance(info, NUMERIC)


def columns(item_type: Any) -> list[Column]:
    """The columns of ``item_type`` (a Struct), nested Structs flattened in field order."""

    def walk(info: mi.StructType, prefix: tuple[str, ...]) -> list[Column]:
        found = []
        for field in info.fields:
            path = (*prefix, field.encode_name)
            nested = _struct_of(field.type)
            found.extend(walk(nested, path) if nested else [Column(path, _is_numeric(field.type))])
        return found

    info = mi.type_info(item_type)
    if not isinstance(info, mi.StructType):
        raise TypeError(f"an export needs Structs to tabulate, not {item_type!r}")
    return walk(info, ())


def heading(column: Column, labels: Mapping[str, str | LazyString]) -> str:
    """A column's heading in the request's language: its own label (``manager.name``), else
    its parts' labels joined (``unit`` + ``code``), else the field name itself."""
    if column.key in labels:
        return str(labels[column.key])
    parts = [str(labels.get(part, part)) for part in column.path]
    text = parts[-1]
    for parent in reversed(parts[:-1]):
        text = _("{parent} {field}").format(parent=parent, field=text)
    return text


def _safe(text: str) -> str:
    """A text a spreadsheet must not run as a formula (``=HYPERLINK(...)`` typed into a
    client's address) gets a leading apostrophe; numbers stay as they are."""
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def cell(value: Any) -> Any:
    """One value as a table holds it: text, a number, or empty; nested lists and mappings as
    their JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, list | dict):
        return msgspec.json.encode(value).decode()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return _safe(str(value))


def cells(item: Any, cols: Sequence[Column]) -> list[Any]:
    """The cells of one item (a Struct), as the JSON answer spells its values."""
    plain = msgspec.to_builtins(item)
    row = []
    for column in cols:
        value: Any = plain
        for part in column.path:
            value = value.get(part) if isinstance(value, dict) else None
        row.append(cell(value))
    return row
