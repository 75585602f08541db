"""The guard in front of every plugin's routes: 404 ``plugin-disabled`` where the plugin is off.

A plugin is switched on per unit, so the guard must know at which unit a request acts. That is
the unit of the record the request is about, never merely the caller's: a head-office admin
redeeming a perk for a client of a pilot outlet acts at the outlet.

First, the plugin must be on somewhere in the caller's subtree: a caller who has it nowhere
reaches nothing of it (404 naming the caller's unit). Then it must be on at, in order:

1. for a route that declares ``opt=AT_RECORD``, the unit of its record, which the handler
   finds itself (a redemption by id, the client a body names) and checks there with
   ``PluginRuntime.is_enabled``, raising :class:`~core.errors.PluginDisabled`;
2. the unit of the client named by the ``client_id`` path parameter (404 for a client the
   caller may not see);
3. the unit named by the ``unit_code`` path parameter;
4. the unit named by the ``unit`` query parameter;
5. the caller's own unit (routes about no one unit: a catalogue, a calendar).

A preflight (``OPTIONS``) carries no token and reveals nothing, so it passes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from core.context import HookContext
from core.errors import OutOfScope, PluginDisabled
from core.i18n import _
from core.services import clients
from core.services.scope import unit_by_id
from core.types import UnitRef

ENABLED_AT: Final = "enabled_at"
AT_RECORD: Final[Mapping[str, str]] = MappingProxyType({ENABLED_AT: "record"})
"""``opt`` for a route whose handler checks the plugin at its record's unit (rule 1 of the
module's docstring): ``@post("/redemptions", guards=[...], opt=AT_RECORD)``."""

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]


async def _named_unit(ctx: HookContext, connection: ASGIConnection[Any, Any, Any, Any]) -> UnitRef:
    """The unit a request acts at (rules 2–5 of the module's docstring)."""
    if client_id := connection.path_params.get("client_id"):
        return await unit_by_id(ctx, (await clients.get(ctx, client_id)).unit_id)
    principal = ctx.principal
    code = connection.path_params.get("unit_code") or connection.query_params.get("unit") or principal.unit.code
    unit = (await ctx.plugins.snapshot(ctx.session)).by_code.get(code)
    if unit is None or not principal.sees(unit):
        raise OutOfScope(_("unit '{unit}' is not in your organisation scope").format(unit=code))
    return unit


async def _public(state: Any, plugin: str, connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """A public route (a respondent's page) is on only where the unit it names has the plugin."""
    code = connection.path_params.get("unit_code") or connection.query_params.get("unit") or ""
    async with state.db.unit_of_work(readonly=True) as session:
        unit = (await state.plugins.snapshot(session)).by_code.get(code)
        if unit is None or not await state.plugins.is_enabled(session, plugin, unit):
            raise PluginDisabled(plugin, code or "-")


def plugin_enabled_guard(plugin: str) -> Guard:
    """The guard for ``plugin``'s router (see the module's docstring for the unit it checks)."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        if connection.scope.get("method") == "OPTIONS":
            return
        state = connection.app.state
        if connection.scope.get("user") is None:  # a route declared public has no caller: it names its unit
            await _public(state, plugin, connection)
            return
        async with state.db.unit_of_work(readonly=True) as session:
            ctx = HookContext(
                session=session,
                clock=state.clock,
                plugins=state.plugins,
                principal=connection.user,
                settings=state.settings,
            )
            own = ctx.principal.unit
            if not (await state.plugins.snapshot(session)).enabled_within(own, plugin):
                raise PluginDisabled(plugin, own.code)
            if handler.opt.get(ENABLED_AT) == "record":
                return
            unit = await _named_unit(ctx, connection)
            if not await state.plugins.is_enabled(session, plugin, unit):
                raise PluginDisabled(plugin, unit.code)

    return guard
