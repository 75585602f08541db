"""The core's column headings for exports, by field name or dotted path (see
:func:`core.api.tabular.heading`); a plugin passes its own for its fields."""

from __future__ import annotations

from core.i18n import LazyString, lazy_gettext

CORE_LABELS: dict[str, LazyString] = {
    "id": lazy_gettext("ID"),
}
