"""Organisation unit bodies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from core.api.schemas.clients import Reason

Code = Annotated[str, msgspec.Meta(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
UnitName = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class UnitCreate(msgspec.Struct, forbid_unknown_fields=True):
    code: Code
    name: UnitName
    level: Literal["head_office", "branch", "sub_branch", "outlet"]
    reason: Reason
    parent: str | None = None


class UnitRename(msgspec.Struct, forbid_unknown_fields=True):
    name: UnitName
    reason: Reason


class UnitMove(msgspec.Struct, forbid_unknown_fields=True):
    parent: str
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


class UnitMoveOut(msgspec.Struct):
    moved_at: dt.datetime
    moved_by: str
    from_path: list[str]
    to_path: list[str]
    reason: str


class UnitHistory(msgspec.Struct):
    moves: list[UnitMoveOut]
