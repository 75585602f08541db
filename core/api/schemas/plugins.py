"""Plugin enablement and settings bodies. (The plugin listing is
:class:`core.plugins.PluginInfo`, shared with the CLI; a plugin's state at a unit is
:class:`core.services.enablement.PluginState`.)"""

from __future__ import annotations

from typing import Any

import msgspec

from core.api.schemas.clients import Reason


class Switch(msgspec.Struct, forbid_unknown_fields=True):
    enabled: bool
    reason: Reason


class SettingsIn(msgspec.Struct, forbid_unknown_fields=True):
    values: dict[str, Any]
    """Keys of the plugin's settings schema to set at this unit; other keys stay as they are."""
    reason: Reason


class SettingsOut(msgspec.Struct):
    plugin: str
    unit: str
    values: dict[str, Any]
    set_at: dict[str, str]
    """Key → code of the unit whose value applies (keys absent use the plugin's default)."""
