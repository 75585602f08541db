"""Switching plugins on and off per unit, and their per-unit settings.

A switch at a unit is inherited by its subtree until a unit below sets its own; clearing a
switch makes the unit inherit again. Settings work the same way key by key: a plugin's
settings at a unit are its schema's defaults overlaid by every ancestor's values, nearest
last. Every change is audited and bumps the ``org`` generation.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec
import sqlalchemy as sa

from core.context import HookContext
from core.errors import Conflict, FieldProblem, NotFound, require_reason
from core.models import PluginEnablement, PluginSetting
from core.plugins import CORE_PLUGIN, bump_generation
from core.types import UnitRef


class PluginState(msgspec.Struct):
    """A plugin at a unit: on or off, and why (an explicit switch here, one inherited from
    an ancestor, or the default: off)."""

    plugin: str
    enabled: bool
    source: Literal["explicit", "inherited", "default", "always"]
    decided_at: str | None


def _known(ctx: HookContext, plugin: str) -> None:
    if plugin == CORE_PLUGIN:
        raise Conflict("the core plugin is on everywhere and cannot be switched")
    if plugin not in ctx.plugins.optional_plugins:
        raise NotFound(f"no installed plugin '{plugin}'", plugin=plugin)


async def states(ctx: HookContext, unit: UnitRef) -> list[PluginState]:
    snapshot = await ctx.plugins.snapshot(ctx.session)
    result = [PluginState(plugin=CORE_PLUGIN, enabled=True, source="always", decided_at=None)]
    enabled = snapshot.enabled_at(unit.id)
    for plugin in sorted(ctx.plugins.optional_plugins):
        decider = snapshot.decided_by(unit.id, plugin)
        source = "default" if decider is None else "explicit" if decider.id == unit.id else "inherited"
        result.append(PluginState(plugin=plugin, enabled=plugin in enabled, source=source,
                                  decided_at=decider.code if decider else None))
    return result


async def switch(ctx: HookContext, unit: UnitRef, plugin: str, enabled: bool | None, reason: str) -> None:
    """Set (``True``/``False``) or clear (``None``) the explicit switch of ``plugin`` at ``unit``."""
    reason = require_reason(reason)
    _known(ctx, plugin)
    row = await ctx.session.get(PluginEnablement, (unit.id, plugin))
    before = None if row is None else row.enabled
    if before == enabled:
        return
    if enabled is None:
        await ctx.session.delete(row)
    elif row is None:
        ctx.session.add(PluginEnablement(unit_id=unit.id, plugin=plugin, enabled=enabled, changed_at=ctx.now,
                                         changed_by=ctx.principal.label, reason=reason))
    else:
        row.enabled, row.changed_at, row.changed_by, row.reason = enabled, ctx.now, ctx.principal.label, reason
    await ctx.session.flush()
    await bump_generation(ctx.session)
    ctx.audit(entity="plugin_enablement", entity_id=f"{plugin}@{unit.code}", action="switch", unit=unit,
              before={"enabled": before}, after={"enabled": enabled}, reason=reason)


def settings_schema(ctx: HookContext, plugin: str) -> type[msgspec.Struct]:
    _known(ctx, plugin)
    for name, schema in ctx.plugins.collect("register_settings_schema"):
        if name == plugin:
            return schema.struct
    raise NotFound(f"plugin '{plugin}' has no settings", plugin=plugin)


async def effective_settings(ctx: HookContext, plugin: str, unit: UnitRef) -> tuple[Any, dict[str, str]]:
    """The plugin's settings at ``unit`` and, per key set somewhere, the unit that set it."""
    struct = settings_schema(ctx, plugin)
    snapshot = await ctx.plugins.snapshot(ctx.session)
    chain = snapshot.ancestry(unit)
    rows = {r.unit_id: r.values for r in (await ctx.session.execute(sa.select(PluginSetting).where(
        PluginSetting.plugin == plugin, PluginSetting.unit_id.in_([u.id for u in chain])))).scalars()}
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for ancestor in chain:
        for key, value in rows.get(ancestor.id, {}).items():
            values[key], origin[key] = value, ancestor.code
    return msgspec.convert(values, struct, strict=False), origin


async def set_settings(ctx: HookContext, plugin: str, unit: UnitRef, values: dict[str, Any], reason: str) -> None:
    """Set some keys at ``unit`` (validated against the plugin's schema; others untouched)."""
    reason = require_reason(reason)
    struct = settings_schema(ctx, plugin)
    unknown = sorted(set(values) - set(struct.__struct_fields__))
    if unknown:
        raise FieldProblem([(f"values.{key}", "not a setting of this plugin") for key in unknown])
    try:
        msgspec.convert(values, struct, strict=False)
    except msgspec.ValidationError as exc:
        raise FieldProblem.one("values", str(exc)) from exc
    row = await ctx.session.get(PluginSetting, (unit.id, plugin))
    before = dict(row.values) if row else {}
    merged = {**before, **values}
    if row is None:
        ctx.session.add(PluginSetting(unit_id=unit.id, plugin=plugin, values=merged, changed_at=ctx.now,
                                      changed_by=ctx.principal.label))
    else:
        row.values, row.changed_at, row.changed_by = merged, ctx.now, ctx.principal.label
    ctx.audit(entity="plugin_setting", entity_id=f"{plugin}@{unit.code}", action="set", unit=unit,
              before=before, after=merged, reason=reason)
