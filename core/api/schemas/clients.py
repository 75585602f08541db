"""Client request and response bodies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, UnsetType

from core.api.schemas import UnitOut
from core.types import FiniteDecimal

Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, description="Why; kept in the client's history")]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Amount = Annotated[FiniteDecimal, msgspec.Meta(description="CNY, at most two decimal places, not negative")]
IdNumber = Annotated[str, msgspec.Meta(max_length=40)]
Phone = Annotated[str, msgspec.Meta(max_length=32)]
Email = Annotated[str, msgspec.Meta(max_length=200)]
Address = Annotated[str, msgspec.Meta(max_length=400)]


class ClientCreate(msgspec.Struct, forbid_unknown_fields=True):
    kind: Literal["retail", "corporate"]
    name: Name
    unit: str
    reason: Reason
    state: Literal["prospect", "active"] = "prospect"
    id_number: IdNumber | None = None
    phone: Phone | None = None
    email: Email | None = None
    address: Address | None = None
    birthday: dt.date | None = None
    assets_under_management: Amount | None = None
    deposits: Amount | None = None
    risk_class: Literal["low", "medium", "high"] | None = None
    size: Literal["small", "medium", "large"] | None = None
    manager: str | None = None


class ClientPatch(msgspec.Struct, forbid_unknown_fields=True):
    """Only the fields sent change; ``null`` clears a field."""

    reason: Reason
    name: Name | UnsetType = UNSET
    id_number: IdNumber | UnsetType | None = UNSET
    phone: Phone | UnsetType | None = UNSET
    email: Email | UnsetType | None = UNSET
    address: Address | UnsetType | None = UNSET
    birthday: dt.date | UnsetType | None = UNSET
    assets_under_management: Amount | UnsetType | None = UNSET
    deposits: Amount | UnsetType | None = UNSET
    risk_class: Literal["low", "medium", "high"] | UnsetType | None = UNSET
    size: Literal["small", "medium", "large"] | UnsetType | None = UNSET

    def changes(self) -> dict[str, Any]:
        return {f: v for f in self.__struct_fields__ if f != "reason" and (v := getattr(self, f)) is not UNSET}


class Transition(msgspec.Struct, forbid_unknown_fields=True):
    to: Literal["prospect", "active", "dormant", "closed"]
    reason: Reason


class WithReason(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason


class ManagerChange(msgspec.Struct, forbid_unknown_fields=True):
    staff_id: str | None
    reason: Reason


class TierChange(msgspec.Struct, forbid_unknown_fields=True):
    tier: str
    reason: Reason


class ManagerOut(msgspec.Struct):
    id: str
    name: str
    phone: str | None


class ClientOut(msgspec.Struct):
    id: str
    kind: str
    name: str
    state: str
    tier: str | None
    unit: UnitOut
    manager: ManagerOut | None
    id_number: str | None
    phone: str | None
    email: str | None
    address: str | None
    birthday: dt.date | None
    assets_under_management: Decimal | None
    deposits: Decimal | None
    risk_class: str | None
    size: str | None
    archived_at: dt.datetime | None
    purge_after: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class ClientPage(msgspec.Struct):
    items: list[ClientOut]
    next_cursor: str | None


class HistoryChange(msgspec.Struct):
    field: str
    before: Any
    after: Any


class HistoryEntry(msgspec.Struct):
    at: dt.datetime
    actor: str
    action: str
    reason: str
    changes: list[HistoryChange]


class HistoryPage(msgspec.Struct):
    items: list[HistoryEntry]
    next_cursor: str | None


class ViewFieldOut(msgspec.Struct):
    """One labelled value of a plugin's section: ``text`` for people (the request's
    language, China time, yuan), ``value`` and ``kind`` for scripts."""

    label: str
    text: str
    kind: Literal["text", "number", "money", "date", "time"]
    value: Any


class ViewSectionOut(msgspec.Struct):
    key: str
    title: str
    plugin: str
    data: Any
    fields: list[ViewFieldOut] = msgspec.field(default_factory=list)


class Client360(msgspec.Struct):
    """Profile, tier, manager, recent history and what enabled plugins add."""

    client: ClientOut
    history: list[HistoryEntry]
    sections: list[ViewSectionOut]
