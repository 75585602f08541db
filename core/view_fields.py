"""The client 360° view's plugin sections as a person reads them.

A :class:`~core.types.ViewField` carries its datum and how to show it; here it becomes text in
the request's language with the SDK's own formatters (China time, yuan), so the API hands
every client the same words and the console shows them as they come. A section written
before sections had fields gets them from its ``data``: each top-level key is a label, each
value shown by its type, so no viewer ever reads a raw ``key=value`` or a UTC timestamp.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import msgspec

from core.chinatime import china_day, china_time
from core.i18n import _, ngettext
from core.money import yuan
from core.types import ViewField, ViewFieldKind

NONE = "—"


def field_text(field: ViewField) -> str:
    """The field's value for a person: ``¥1,234.50``, ``2026年12月4日``, ``2026-12-04 18:30``
    (China time), ``1,234``, ``是``/``否``; ``—`` for none."""
    value = field.value
    if value is None or value == "":
        return NONE
    if field.kind == "money":
        return yuan(Decimal(str(value)))
    if field.kind == "time" and isinstance(value, dt.datetime):
        return china_time(value)
    if field.kind == "date" and isinstance(value, dt.date):
        return china_day(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.kind == "number" and isinstance(value, int | Decimal):
        return f"{value:,}"
    return str(value)


def _kind_of(value: Any) -> ViewFieldKind:
    if isinstance(value, dt.datetime):
        return "time"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return "number"
    return "text"


def _items(data: Any) -> list[tuple[str, Any]]:
    if isinstance(data, msgspec.Struct):
        return [(name, getattr(data, name)) for name in data.__struct_fields__]
    if isinstance(data, dict):
        return [(str(k), v) for k, v in data.items()]
    return []


def _plain(value: Any) -> ViewField:
    """A value of ``data`` as a field without a label yet (nested records are summarised)."""
    if isinstance(value, list | tuple):
        if all(not _items(v) and not isinstance(v, list | tuple) for v in value):
            return ViewField("", "、".join(field_text(_plain(v)) for v in value) or None)
        return ViewField("", ngettext("{count} item", "{count} items", len(value)).format(count=len(value)))
    if _items(value):
        return ViewField("", "; ".join(f"{k.replace('_', ' ')} {field_text(_plain(v))}" for k, v in _items(value)))
    return ViewField("", value, _kind_of(value))


def fields_of(data: Any) -> tuple[ViewField, ...]:
    """Labelled fields for a section that brings only ``data``: its top-level keys in order
    (underscores read as spaces), or one unlabelled field for a lone value."""
    items = _items(data)
    if not items:
        return () if data is None else (msgspec.structs.replace(_plain(data), label=""),)
    return tuple(msgspec.structs.replace(_plain(v), label=k.replace("_", " ")) for k, v in items)
