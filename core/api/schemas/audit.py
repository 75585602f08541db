"""Audit log bodies: one entry says who changed what, where, when, why, and how."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec


class AuditOut(msgspec.Struct):
    at: dt.datetime
    actor: str
    """The principal's label, ``staff:st_…``, ``service:sa_…`` or ``system:touchstone``."""
    actor_name: str
    unit: str | None
    """The unit the change happened at; ``None`` for network-wide changes."""
    entity: str
    entity_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


class AuditPage(msgspec.Struct):
    items: list[AuditOut]
    next_cursor: str | None
