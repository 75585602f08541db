"""Answers the console reads whose Structs the server keeps beside its services.

Most bodies come from :mod:`core.api.schemas`, the API's published wire format (msgspec
Structs that import nothing but msgspec and :mod:`core.types`), so a standard edited here
round-trips field for field. The Structs below mirror answers declared next to server-side
code that touches the database (reports, plugin states, who-am-I); they name only the
fields the console shows, and msgspec ignores the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from core.api.schemas import UnitOut


class Me(msgspec.Struct, frozen=True):
    """The principal behind the token (``GET /me``)."""

    kind: str
    id: str
    name: str
    roles: list[str]
    unit: UnitOut


class PluginState(msgspec.Struct, frozen=True):
    """A plugin at a unit: on or off, and whether by its own switch, inherited, by default
    or always (the core's defaults)."""

    plugin: str
    enabled: bool
    source: Literal["explicit", "inherited", "default", "always"]
    decided_at: str | None


class ComplianceRow(msgspec.Struct, frozen=True):
    unit: str
    unit_name: str
    level: str
    touchpoint: str
    period: dt.date
    passed: int
    failed: int


class NonconformitySummary(msgspec.Struct, frozen=True):
    unit: str
    unit_name: str
    open: int
    overdue: int


class ControlFigure(msgspec.Struct, frozen=True):
    key: str
    name: str
    failed: int
    failure_rate: float | None


class GroupFigures(msgspec.Struct, frozen=True):
    events: int
    rate: float | None
    nonconformities: int
    controls: list[ControlFigure]


class PilotComparison(msgspec.Struct, frozen=True):
    pilot_units: list[str]
    since: dt.datetime
    until: dt.datetime
    pilot: GroupFigures
    rest: GroupFigures
