"""Staff bodies."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, UnsetType

from core.api.schemas import UnitOut
from core.api.schemas.clients import Reason

PersonName = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Phone = Annotated[
    str,
    msgspec.Meta(
        max_length=32,
        pattern=r"^\+?[0-9][0-9 -]*$",
        description="Personal data: masked for roles without clients.personal_data",
    ),
]
Roles = Annotated[list[str], msgspec.Meta(min_length=1, description="Role names, e.g. teller, customer_manager")]


class StaffCreate(msgspec.Struct, forbid_unknown_fields=True):
    employee_no: Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
    name: PersonName
    unit: str
    roles: Roles
    reason: Reason
    phone: Phone | None = None


class StaffPatch(msgspec.Struct, forbid_unknown_fields=True):
    """Only the fields sent change; ``unit`` moves the member to another unit in scope."""

    reason: Reason
    name: PersonName | UnsetType = UNSET
    roles: Roles | UnsetType = UNSET
    phone: Phone | UnsetType | None = UNSET
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
