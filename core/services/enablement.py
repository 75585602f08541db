"""Switching plugins on and off per unit.

A switch at a unit is inherited by its subtree until a unit below sets its own; clearing a
switch makes the unit inherit again. The core's defaults (plugin ``core``) are on everywhere
and cannot be switched. Every change is audited (before/after) and bumps the ``org``
generation in the same unit of work, which is how every worker process learns of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import msgspec

from core import generations
from core.errors import Conflict, NotFound, require_reason
from core.hookspecs import CORE_PLUGIN
from core.i18n import _
from core.models import PluginEnablement
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext


class PluginState(msgspec.Struct):
    """A plugin at a unit: on or off, and why: an ``explicit`` switch at this unit, one
    ``inherited`` from the ancestor ``decided_at``, the ``default`` (off), or ``always``
    (the core's defaults)."""

    plugin: str
    enabled: bool
    source: Literal["explicit", "inherited", "default", "always"]
    decided_at: str | None


def check_installed(ctx: HookContext, plugin: str) -> None:
    """404 naming ``plugin`` unless it is installed in this process."""
    if plugin != CORE_PLUGIN and plugin not in ctx.plugins.optional_plugins:
        raise NotFound(_("no installed plugin '{plugin}'").format(plugin=plugin), plugin=plugin)


def _check_switchable(ctx: HookContext, plugin: str) -> None:
    check_installed(ctx, plugin)
    if plugin == CORE_PLUGIN:
        raise Conflict(_("the core plugin is on everywhere and cannot be switched"), plugin=plugin)


async def states(ctx: HookContext, unit: UnitRef) -> list[PluginState]:
    """Every installed plugin at ``unit``, the core's defaults first."""
    snapshot = await ctx.plugins.snapshot(ctx.session)
    enabled = snapshot.enabled_at(unit.id)
    result = [PluginState(plugin=CORE_PLUGIN, enabled=True, source="always", decided_at=None)]
    for plugin in sorted(ctx.plugins.optional_plugins):
        decider = snapshot.decided_by(unit.id, plugin)
        source = "default" if decider is None else "explicit" if decider.id == unit.id else "inherited"
        result.append(
            PluginState(
                plugin=plugin, enabled=plugin in enabled, source=source, decided_at=decider.code if decider else None
            )
        )
    return result


async def set(ctx: HookContext, unit: UnitRef, plugin: str, enabled: bool, reason: str) -> None:
    """Switch ``plugin`` on or off at ``unit`` (and, by inheritance, its subtree)."""
    await _switch(ctx, unit, plugin, enabled, reason)


async def clear(ctx: HookContext, unit: UnitRef, plugin: str, reason: str) -> None:
    """Remove ``unit``'s own switch for ``plugin`` so it inherits from its ancestors again."""
    await _switch(ctx, unit, plugin, None, reason)


async def _switch(ctx: HookContext, unit: UnitRef, plugin: str, enabled: bool | None, reason: str) -> None:
    reason = require_reason(reason)
    _check_switchable(ctx, plugin)
    await generations.bump_org(ctx.session)  # first: it also queues concurrent switches behind this one
    row = await ctx.session.get(PluginEnablement, (unit.id, plugin))
    before = None if row is None else row.enabled
    if before == enabled:
        return
    if row is None:
        ctx.session.add(
            PluginEnablement(
                unit_id=unit.id,
                plugin=plugin,
                enabled=enabled,
                changed_at=ctx.now,
                changed_by=ctx.principal.label,
                reason=reason,
            )
        )
    elif enabled is None:
        await ctx.session.delete(row)
    else:
        row.enabled, row.changed_at, row.changed_by, row.reason = enabled, ctx.now, ctx.principal.label, reason
    await ctx.session.flush()
    ctx.audit(
        entity="plugin_enablement",
        entity_id=f"{plugin}@{unit.code}",
        action="clear" if enabled is None else "set",
        unit=unit,
        before={"enabled": before},
        after={"enabled": enabled},
        reason=reason,
    )
