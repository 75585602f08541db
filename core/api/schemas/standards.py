"""Touchpoint and standard-version bodies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from core.api.schemas.clients import Reason
from core.services.standard_content import StandardContent as StandardContent  # the console reads it here
from core.types import Channel


class TouchpointIn(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_.-]*$")]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    channel: Channel
    description: str = ""


class TouchpointOut(msgspec.Struct):
    code: str
    name: str
    channel: str
    description: str
    owner: str
    published_version: int | None
    pilot_version: int | None


class VersionOut(msgspec.Struct):
    id: str
    touchpoint: str
    number: int
    status: str
    content: StandardContent
    pilot_units: list[str]
    created_at: dt.datetime
    created_by: str
    pilot_started_at: dt.datetime | None
    published_at: dt.datetime | None
    retired_at: dt.datetime | None


class DraftIn(msgspec.Struct, forbid_unknown_fields=True):
    """Leave ``content`` out to start from the version in force."""

    content: StandardContent | None = None


class PilotIn(msgspec.Struct, forbid_unknown_fields=True):
    units: list[str]
    reason: Reason


class StepIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason


class ControlChange(msgspec.Struct):
    key: str
    change: Literal["added", "removed", "changed"]
    before: dict | None
    after: dict | None


class VersionDiff(msgspec.Struct):
    """What changed between two versions: sections by name, controls by key."""

    from_version: int
    to_version: int
    sections: list[str]
    controls: list[ControlChange]
