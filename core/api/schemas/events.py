"""Service event and nonconformity bodies (a batch of events has its own module,
:mod:`core.api.schemas.event_batch`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from core.api.schemas.clients import Reason


class EventOut(msgspec.Struct):
    id: str
    touchpoint: str
    unit: str
    occurred_at: dt.datetime
    channel: str
    outcome: str
    standard_version: int | None
    measurements: dict[str, Any]
    evaluation: list[dict[str, Any]]
    staff: str | None
    client: str | None


class EventPage(msgspec.Struct):
    items: list[EventOut]
    next_cursor: str | None


class NonconformityOut(msgspec.Struct):
    id: str
    event: str
    unit: str
    touchpoint: str
    control_key: str
    control_name: str
    severity: str
    measured: Any
    expected: Any
    status: str
    raised_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    corrective_action: str | None
    action_by: str | None
    verified_by: str | None
    closed_at: dt.datetime | None


class NonconformityPage(msgspec.Struct):
    items: list[NonconformityOut]
    next_cursor: str | None


class ActionIn(msgspec.Struct, forbid_unknown_fields=True):
    action: Reason


class VerifyIn(msgspec.Struct, forbid_unknown_fields=True):
    effective: bool
    note: Reason


class NoteIn(msgspec.Struct, forbid_unknown_fields=True):
    note: Reason
