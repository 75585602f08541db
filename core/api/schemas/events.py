"""Service event and nonconformity bodies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

from core.api.schemas.clients import Reason
from core.services.events import Accepted, EventIn, Rejected

MAX_BATCH = 1000


class BatchIn(msgspec.Struct, forbid_unknown_fields=True):
    events: Annotated[list[EventIn], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class BatchAccepted(msgspec.Struct):
    """An accepted item, briefly: its evaluation is one ``GET /events/{id}`` away."""

    index: int
    id: str
    outcome: str
    nonconformities: list[str]


class BatchOut(msgspec.Struct):
    accepted: list[BatchAccepted]
    rejected: list[Rejected]

    @classmethod
    def of(cls, accepted: list[Accepted], rejected: list[Rejected]) -> BatchOut:
        return cls(accepted=[BatchAccepted(index=a.index, id=a.id, outcome=a.outcome, nonconformities=a.nonconformities)
                             for a in accepted], rejected=rejected)


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
