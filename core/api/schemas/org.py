"""Organisation unit bodies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from core.api.schemas.clients import Reason

Code = Annotated[str, msgspec.Meta(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
UnitName = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Level = Literal["head_office", "branch", "sub_branch", "outlet"]


class UnitCreate(msgspec.Struct, forbid_unknown_fields=True):
    code: Code
    name: UnitName
    level: Level
    reason: Reason
    parent: str | None = None
    """Code of the parent unit, one level up; omitted only for the head office."""


class UnitRename(msgspec.Struct, forbid_unknown_fields=True):
    name: UnitName
    reason: Reason


class UnitMove(msgspec.Struct, forbid_unknown_fields=True):
    parent: str
    """Code of the new parent (one level up, outside the unit's own subtree)."""
    reason: Reason


class UnitDetail(msgspec.Struct):
    code: str
    name: str
    level: str
    parent: str | None
    path: list[str]
    """Codes from the head office down to this unit."""
    children: int


class UnitPage(msgspec.Struct):
    items: list[UnitDetail]
    next_cursor: str | None


class UnitHistoryItem(msgspec.Struct):
    """One change to a unit: a move (``from_path``/``to_path`` as codes) or another audited
    change to the unit itself (renamed, a plugin switched, settings set)."""

    at: dt.datetime
    kind: Literal["move", "change"]
    actor: str
    entity: str
    action: str
    reason: str | None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    from_path: list[str] | None = None
    to_path: list[str] | None = None


class UnitHistoryPage(msgspec.Struct):
    items: list[UnitHistoryItem]
    next_cursor: str | None
