"""Request and response bodies: shared ones here, each area's in its own module."""

from __future__ import annotations

import msgspec

from core.types import UnitRef


class UnitOut(msgspec.Struct):
    code: str
    name: str
    level: str

    @classmethod
    def of(cls, unit: UnitRef) -> UnitOut:
        return cls(code=unit.code, name=unit.name, level=unit.level)
