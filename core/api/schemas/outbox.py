"""Outbox bodies: messages as operators see them, failures with their last error."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec

from core.api.schemas.clients import Reason

OutboxStatus = Literal["pending", "delivered", "failed"]


class OutboxOut(msgspec.Struct):
    key: str
    topic: str
    status: OutboxStatus
    attempts: int
    created_at: dt.datetime
    available_at: dt.datetime
    """When the next attempt is due (pending), or when the last one was leased."""
    delivered_at: dt.datetime | None
    channel: str | None
    last_error: str | None
    unit: str | None
    payload: dict[str, Any]


class OutboxPage(msgspec.Struct):
    items: list[OutboxOut]
    next_cursor: str | None


class OutboxRetry(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason
