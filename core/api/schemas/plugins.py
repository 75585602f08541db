"""Plugin listing, enablement and settings bodies."""

from __future__ import annotations

from typing import Any

import msgspec

from core.api.schemas.clients import Reason


class Switch(msgspec.Struct, forbid_unknown_fields=True):
    enabled: bool
    reason: Reason


class SettingsIn(msgspec.Struct, forbid_unknown_fields=True):
    values: dict[str, Any]
    reason: Reason


class SettingsOut(msgspec.Struct):
    plugin: str
    unit: str
    values: dict[str, Any]
    set_at: dict[str, str]
    """Key → code of the unit whose value applies (keys absent use the plugin's default)."""
