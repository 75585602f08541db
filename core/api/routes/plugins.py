"""Plugin routes: what is installed, what is on at a unit, switching, per-unit settings.

Reading is open to every role; switching and settings need ``plugins.manage`` (admins).
Units are named by code and must lie in the caller's subtree.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import delete, get, put
from litestar.params import FromPath, JSONBody, QueryParameter

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.schemas.plugins import SettingsIn, SettingsOut, Switch
from core.context import HookContext
from core.plugins import PluginInfo, describe_plugins
from core.services import enablement, plugin_settings
from core.services.enablement import PluginState
from core.services.scope import unit_in_scope
from core.types import UnitRef


@exportable("plugins")
@get("/plugins", guards=[requires("plugins.read")], summary="Installed plugins: version, hooks, where switched")
async def list_plugins(ctx: Ctx) -> list[PluginInfo]:
    return describe_plugins(ctx.plugins.pm, await ctx.plugins.snapshot(ctx.session))


@exportable("unit-plugins")
@get(
    "/units/{unit_code:str}/plugins",
    guards=[requires("plugins.read")],
    summary="Each plugin at a unit: on/off, explicit or inherited and from where",
)
async def unit_plugins(ctx: Ctx, unit_code: FromPath[str]) -> list[PluginState]:
    return await enablement.states(ctx, await unit_in_scope(ctx, unit_code))


@put(
    "/units/{unit_code:str}/plugins/{plugin:str}",
    guards=[requires("plugins.manage")],
    summary="Switch a plugin on or off at a unit (inherited by its subtree)",
)
async def switch_plugin(
    ctx: Ctx, unit_code: FromPath[str], plugin: FromPath[str], data: JSONBody[Switch]
) -> list[PluginState]:
    unit = await unit_in_scope(ctx, unit_code)
    await enablement.set(ctx, unit, plugin, data.enabled, data.reason)
    return await enablement.states(ctx, unit)


@delete(
    "/units/{unit_code:str}/plugins/{plugin:str}",
    guards=[requires("plugins.manage")],
    status_code=200,
    summary="Clear a unit's own switch so it inherits again",
)
async def clear_switch(
    ctx: Ctx,
    unit_code: FromPath[str],
    plugin: FromPath[str],
    reason: Annotated[str, QueryParameter(min_length=1, max_length=2000)],
) -> list[PluginState]:
    unit = await unit_in_scope(ctx, unit_code)
    await enablement.clear(ctx, unit, plugin, reason)
    return await enablement.states(ctx, unit)


async def _settings_out(ctx: HookContext, unit: UnitRef, plugin: str) -> SettingsOut:
    values, origin = await plugin_settings.settings_at(ctx, plugin, unit)
    return SettingsOut(plugin=plugin, unit=unit.code, values=msgspec.to_builtins(values), set_at=origin)


@get(
    "/units/{unit_code:str}/plugins/{plugin:str}/settings",
    guards=[requires("plugins.read")],
    summary="A plugin's settings in force at a unit, and which unit set each",
)
async def get_settings(ctx: Ctx, unit_code: FromPath[str], plugin: FromPath[str]) -> SettingsOut:
    return await _settings_out(ctx, await unit_in_scope(ctx, unit_code), plugin)


@put(
    "/units/{unit_code:str}/plugins/{plugin:str}/settings",
    guards=[requires("plugins.manage")],
    summary="Set some of a plugin's settings at a unit",
)
async def put_settings(
    ctx: Ctx, unit_code: FromPath[str], plugin: FromPath[str], data: JSONBody[SettingsIn]
) -> SettingsOut:
    unit = await unit_in_scope(ctx, unit_code)
    await plugin_settings.set_settings(ctx, plugin, unit, data.values, data.reason)
    return await _settings_out(ctx, unit, plugin)


HANDLERS = [list_plugins, unit_plugins, switch_plugin, clear_switch, get_settings, put_settings]
