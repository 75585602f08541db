"""Staff bodies."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, UnsetType

from core.api.schemas import UnitOut
from core.api.schemas.clients import Reason

PersonName = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]


class StaffCreate(msgspec.Struct, forbid_unknown_fields=True):
    employee_no: Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
    name: PersonName
    unit: str
    roles: list[str]
    reason: Reason
    phone: str | None = None


class StaffPatch(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason
    name: PersonName | UnsetType = UNSET
    roles: list[str] | UnsetType = UNSET
    phone: str | None | UnsetType = UNSET
    active: bool | UnsetType = UNSET
    unit: str | UnsetType = UNSET

    def changes(self) -> dict[str, Any]:
        return {f: v for f in self.__struct_fields__ if f != "reason" and (v := getattr(self, f)) is not UNSET}


class StaffOut(msgspec.Struct):
    id: str
    employee_no: str
    name: str
    unit: UnitOut
    roles: list[str]
    phone: str | None
    active: bool


class StaffPage(msgspec.Struct):
    items: list[StaffOut]
    next_cursor: str | None
