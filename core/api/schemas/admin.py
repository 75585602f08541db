"""Bodies for tokens, the audit log and the outbox."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

from core.api.schemas.clients import Reason


class ServiceAccountIn(msgspec.Struct, forbid_unknown_fields=True):
    role: str
    unit: str


class TokenCreate(msgspec.Struct, forbid_unknown_fields=True):
    """Exactly one of ``staff_id`` (a member of staff) or ``service_account``."""

    staff_id: str | None = None
    service_account: ServiceAccountIn | None = None
    days: Annotated[int, msgspec.Meta(ge=1, le=3650)] | None = None
    label: Annotated[str, msgspec.Meta(max_length=100)] = ""


class TokenOut(msgspec.Struct):
    id: str
    principal: str
    unit: str
    label: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


class TokenCreated(msgspec.Struct):
    token: TokenOut
    secret: str
    """Shown this once; only its hash is stored."""


class TokenPage(msgspec.Struct):
    items: list[TokenOut]
    next_cursor: str | None


class AuditOut(msgspec.Struct):
    at: dt.datetime
    actor: str
    actor_name: str
    unit: str | None
    entity: str
    entity_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


class AuditPage(msgspec.Struct):
    items: list[AuditOut]
    next_cursor: str | None


class OutboxOut(msgspec.Struct):
    key: str
    topic: str
    status: str
    attempts: int
    created_at: dt.datetime
    available_at: dt.datetime
    delivered_at: dt.datetime | None
    channel: str | None
    last_error: str | None
    unit: str | None
    payload: dict[str, Any]


class OutboxPage(msgspec.Struct):
    items: list[OutboxOut]
    next_cursor: str | None


class Retry(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason
