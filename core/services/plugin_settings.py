"""Per-unit plugin settings, inherited key by key down the tree.

A plugin declares its settings with ``register_settings_schema``: a msgspec Struct type whose
fields all have defaults. A unit stores only the keys set there; the settings in force at a
unit are the defaults overlaid by each ancestor's keys, root first, so the nearest unit that
sets a key wins. Plugins read them with :func:`effective_settings`. Settings may be set at a
unit before the plugin is switched on there, so a rollout starts configured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa

from core.errors import FieldProblem, NotFound, require_reason
from core.i18n import _
from core.models import PluginSetting
from core.services.enablement import check_installed
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext


def schema_for(ctx: HookContext, plugin: str) -> type[msgspec.Struct]:
    """The settings Struct ``plugin`` registered (404 naming it when none)."""
    check_installed(ctx, plugin)
    for name, schema in ctx.plugins.collect("register_settings_schema"):
        if name == plugin:
            return schema.struct
    raise NotFound(_("plugin '{plugin}' has no settings").format(plugin=plugin), plugin=plugin)


async def settings_at(ctx: HookContext, plugin: str, unit: UnitRef) -> tuple[Any, dict[str, str]]:
    """The plugin's settings in force at ``unit`` and, per key set on the way down, the code
    of the unit whose value applies. Keys the schema no longer has are ignored."""
    struct = schema_for(ctx, plugin)
    chain = (await ctx.plugins.snapshot(ctx.session)).ancestry(unit)
    stored = await ctx.session.execute(
        sa.select(PluginSetting.unit_id, PluginSetting.values).where(
            PluginSetting.plugin == plugin, PluginSetting.unit_id.in_([u.id for u in chain])
        )
    )
    by_unit = dict(stored.all())
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for ancestor in chain:
        for key, value in by_unit.get(ancestor.id, {}).items():
            if key in struct.__struct_fields__:
                values[key], origin[key] = value, ancestor.code
    return msgspec.convert(values, struct, strict=False), origin


async def effective_settings(ctx: HookContext, plugin: str, unit: UnitRef) -> Any:
    """The plugin's settings in force at ``unit``, as an instance of its settings Struct."""
    return (await settings_at(ctx, plugin, unit))[0]


async def settings_by_unit(ctx: HookContext, plugin: str, units: list[UnitRef]) -> dict[int, Any]:
    """The plugin's settings in force at each of ``units`` (by unit id), from one read of
    every unit's stored keys: what a job over many units uses instead of one read each."""
    struct = schema_for(ctx, plugin)
    org = await ctx.org()
    stored = dict(
        (
            await ctx.session.execute(
                sa.select(PluginSetting.unit_id, PluginSetting.values).where(PluginSetting.plugin == plugin)
            )
        ).all()
    )
    result = {}
    for unit in units:
        values: dict[str, Any] = {}
        for ancestor in org.ancestry(unit):
            values.update({k: v for k, v in stored.get(ancestor.id, {}).items() if k in struct.__struct_fields__})
        result[unit.id] = msgspec.convert(values, struct, strict=False)
    return result


def _validated(struct: type[msgspec.Struct], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` checked against ``struct`` and in their stored (JSON) form; a problem names
    the offending key as ``values.<key>``."""
    unknown = sorted(values.keys() - frozenset(struct.__struct_fields__))
    if unknown:
        raise FieldProblem([(f"values.{key}", _("not a setting of this plugin")) for key in unknown])
    try:
        converted = msgspec.convert(values, struct, strict=False)
    except msgspec.ValidationError as exc:
        raise FieldProblem.from_validation(exc, prefix="values", whole="values") from exc
    stored = msgspec.to_builtins(converted)
    return {key: stored[key] for key in values}


async def set_settings(ctx: HookContext, plugin: str, unit: UnitRef, values: dict[str, Any], reason: str) -> None:
    """Set the given keys at ``unit`` (validated against the plugin's schema); the unit's
    other keys and every other unit's values stay as they are."""
    reason = require_reason(reason)
    given = _validated(schema_for(ctx, plugin), values)
    row = await ctx.session.get(PluginSetting, (unit.id, plugin))
    before = dict(row.values) if row else {}
    merged = {**before, **given}
    if merged == before:
        return
    if row is None:
        ctx.session.add(
            PluginSetting(
                unit_id=unit.id, plugin=plugin, values=merged, changed_at=ctx.now, changed_by=ctx.principal.label
            )
        )
    else:
        row.values, row.changed_at, row.changed_by = merged, ctx.now, ctx.principal.label
    ctx.audit(
        entity="plugin_setting",
        entity_id=f"{plugin}@{unit.code}",
        action="set",
        unit=unit,
        before=before,
        after=merged,
        reason=reason,
    )
