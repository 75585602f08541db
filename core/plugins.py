"""The plugin machinery: discovery, per-unit enablement and calling hooks.

Plugins are found through the entry-point group ``touchstone.plugins``; the core's own
defaults (:mod:`core.defaults`) are registered the same way under the name ``core`` and are
on everywhere. Every other plugin is off until an administrator switches it on at a unit;
the switch is inherited down the tree unless a unit below switches it off again.

Which plugins are on where is cached per process as an :class:`OrgSnapshot` (the tree plus
the explicit switches), labelled with a generation counter (:mod:`core.generations`)
that any change to either bumps in the same transaction. So a hook call costs no database
round trip, and a switch made through one worker is seen by every other worker from its
next unit of work on.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import inspect
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import msgspec
import pluggy
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core import generations, hookspecs
from core.context import HookContext
from core.errors import Finding, PluginNonConformant, PluginRefused
from core.hookspecs import CORE_PLUGIN
from core.models import OrgUnit, PluginEnablement
from core.principal import PERMISSIONS, ROLES, PrincipalCache
from core.types import ControlKind, UnitRef

ENTRY_POINT_GROUP = "touchstone.plugins"


def entry_points() -> list[importlib.metadata.EntryPoint]:
    """The ``touchstone.plugins`` entry points of every installed distribution."""
    return list(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))


def create_plugin_manager(
    *, discover: bool = True, plugins: Iterable[tuple[str, object]] = (), blocked: Iterable[str] = ()
) -> pluggy.PluginManager:
    """Build a plugin manager with the core's specs.

    :param discover: load everything in the ``touchstone.plugins`` entry-point group.
    :param plugins: extra ``(name, module_or_object)`` pairs to register (tests, embedding).
    :param blocked: names never to load, even if installed.

    Raises :class:`~core.errors.PluginNonConformant` (rule ``unknown-hook``) for plugins pluggy
    cannot register, a hook implementation taking an argument its specification does not
    have; every other rule, misspelled hook names included, is checked by
    :func:`core.api.conformance.refuse` at start-up. ``TOUCHSTONE_TRACE_PLUGINS=1`` prints
    every hook call and its result.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in blocked:
        pm.set_blocked(name)
    refused: list[Finding] = []

    def register(name: str, plugin: object) -> None:
        """Register ``plugin`` (an entry point: what it names) unless ``name`` is taken or blocked."""
        if pm.has_plugin(name) or pm.is_blocked(name):
            return
        try:
            pm.register(plugin.load() if isinstance(plugin, importlib.metadata.EntryPoint) else plugin, name=name)
        except pluggy.PluginValidationError as exc:
            refused.append(Finding(name, "unknown-hook", " ".join(str(exc).split())))

    for point in entry_points() if discover else ():
        register(point.name, point)
    for name, plugin in plugins:
        register(name, plugin)
    register(CORE_PLUGIN, importlib.import_module("core.defaults"))  # as its entry point names it
    for published in pm.hook.register_hookspecs():  # before the check: their implementations are not "pending"
        for specs in published:
            try:
                pm.add_hookspecs(specs)
            except pluggy.PluginValidationError as exc:
                refused.append(Finding(pm.get_name(exc.plugin) or "?", "unknown-hook", " ".join(str(exc).split())))
    if refused:
        raise PluginNonConformant(refused)
    if os.environ.get("TOUCHSTONE_TRACE_PLUGINS") == "1":
        pm.trace.root.setwriter(print)
        pm.enable_tracing()
    return pm


class OrgSnapshot:
    """The organisation tree and the explicit plugin switches at one generation."""

    def __init__(self, generation: int, units: list[UnitRef], switches: dict[int, dict[str, bool]]) -> None:
        self.generation = generation
        self.units = {u.id: u for u in units}
        self.by_code = {u.code: u for u in units}
        self.switches = switches
        self._enabled: dict[int, frozenset[str]] = {}

    def ancestry(self, unit: UnitRef) -> list[UnitRef]:
        """The unit and its ancestors, root first."""
        ids = [int(part) for part in unit.path.strip("/").split("/") if part]
        return [self.units[i] for i in ids if i in self.units]

    def enabled_at(self, unit_id: int) -> frozenset[str]:
        """Optional plugins switched on at ``unit_id``: the nearest explicit switch wins."""
        if (cached := self._enabled.get(unit_id)) is not None:
            return cached
        state: dict[str, bool] = {}
        for ancestor in self.ancestry(self.units[unit_id]):
            state.update(self.switches.get(ancestor.id, {}))
        enabled = frozenset(name for name, on in state.items() if on)
        self._enabled[unit_id] = enabled
        return enabled

    def enabled_within(self, unit: UnitRef, plugin: str) -> bool:
        """Whether ``plugin`` is on at ``unit`` or anywhere in its subtree. Below a unit where it
        is off, only an explicit switch turns it on again, so the switches are all to look at."""
        return plugin in self.enabled_at(unit.id) or any(
            on.get(plugin) and unit_id in self.units and self.units[unit_id].path.startswith(unit.path)
            for unit_id, on in self.switches.items()
        )

    def decided_by(self, unit_id: int, plugin: str) -> UnitRef | None:
        """The unit whose explicit switch decides ``plugin`` at ``unit_id`` (None: default off)."""
        for ancestor in reversed(self.ancestry(self.units[unit_id])):
            if plugin in self.switches.get(ancestor.id, {}):
                return ancestor
        return None


class PluginRuntime:
    """A plugin manager bound to the process's caches (which plugins are on where, which
    standards are in force); what services use to call hooks."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        from core.services.in_force import StandardsCache

        self.pm = pm
        self.standards = StandardsCache(lambda: self.control_kinds)
        self.principals = PrincipalCache()
        self._tree = generations.GenerationCache(generations.ORG, self._load)
        self._subset_callers: dict[tuple[str, frozenset[str]], Any] = {}

    def pinned(self, tree: OrgSnapshot) -> PluginRuntime:
        """This runtime (same manager and caches) with the tree and switches held at
        ``tree``: see :meth:`core.context.HookContext.pinned_tree`."""
        return _PinnedRuntime(self, tree)

    @functools.cached_property
    def optional_plugins(self) -> frozenset[str]:
        """Installed plugins subject to per-unit enablement (all but the core's defaults)."""
        return frozenset(name for name, _ in self.pm.list_name_plugin() if name != CORE_PLUGIN)

    async def snapshot(self, session: AsyncSession) -> OrgSnapshot:
        """The tree and switches as this unit of work should see them."""
        return await self._tree.get(session)

    @staticmethod
    async def _load(session: AsyncSession, generation: int) -> OrgSnapshot:
        fresh = sa.select(OrgUnit).execution_options(populate_existing=True)  # never the session's stale copies
        units = [u.ref() for u in (await session.execute(fresh)).scalars()]
        switches: dict[int, dict[str, bool]] = {}
        for row in (await session.execute(sa.select(PluginEnablement))).scalars():
            switches.setdefault(row.unit_id, {})[row.plugin] = row.enabled
        return OrgSnapshot(generation, units, switches)

    async def enabled_at(self, session: AsyncSession, unit: UnitRef) -> frozenset[str]:
        """Every plugin on at ``unit``, the core's defaults included."""
        snapshot = await self.snapshot(session)
        return (snapshot.enabled_at(unit.id) & self.optional_plugins) | {CORE_PLUGIN}

    async def is_enabled(self, session: AsyncSession, plugin: str, unit: UnitRef) -> bool:
        return plugin in await self.enabled_at(session, unit)

    def _caller(self, hook_name: str, disabled: frozenset[str]) -> Any:
        key = (hook_name, disabled)
        caller = self._subset_callers.get(key)
        if caller is None:
            if disabled:
                remove = [p for name in disabled if (p := self.pm.get_plugin(name)) is not None]
                caller = self.pm.subset_hook_caller(hook_name, remove_plugins=remove)
            else:
                caller = getattr(self.pm.hook, hook_name)
            self._subset_callers[key] = caller
        return caller

    async def listens(self, hook_name: str, session: AsyncSession, unit: UnitRef) -> bool:
        """Whether any plugin enabled at ``unit`` implements ``hook_name`` (lets a hot path
        skip building payloads nobody will read)."""
        disabled = self.optional_plugins - await self.enabled_at(session, unit)
        return bool(self._caller(hook_name, frozenset(disabled)).get_hookimpls())

    async def call(
        self, hook_name: str, ctx: HookContext, unit: UnitRef, /, *, everywhere: bool = False, **kwargs: Any
    ) -> list[Any]:
        """Fire an event hook for something at ``unit``: only plugins enabled there run
        (every installed plugin with ``everywhere=True``, for duties such as purging personal
        data that outlive a plugin's switch).

        Awaits every awaitable an implementation returns, in order, and returns the results
        (``None`` results dropped, as pluggy does).
        """
        disabled = frozenset() if everywhere else self.optional_plugins - await self.enabled_at(ctx.session, unit)
        caller = self._caller(hook_name, frozenset(disabled))
        if not caller.get_hookimpls():  # nobody listens here: skip building the context
            return []
        results = caller(ctx=ctx.at_unit(unit), **kwargs)
        return [result for result in [await r if inspect.isawaitable(r) else r for r in results] if result is not None]

    async def first(self, hook_name: str, session: AsyncSession, unit: UnitRef, /, **kwargs: Any) -> Any:
        """Call a synchronous ``firstresult`` hook (e.g. ``decide_client_tier``) among the
        plugins enabled at ``unit``; returns the first non-None answer."""
        disabled = self.optional_plugins - await self.enabled_at(session, unit)
        return self._caller(hook_name, frozenset(disabled))(**kwargs)

    def collect(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a registration hook on every installed plugin: ``(plugin name, result)``
        pairs, ``None`` results dropped."""
        pairs = []
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            wanted = {name: kwargs[name] for name in impl.argnames if name in kwargs}
            result = impl.function(**wanted)
            if result is not None:
                pairs.append((impl.plugin_name, result))
        return pairs

    @functools.cached_property
    def control_kinds(self) -> dict[str, ControlKind]:
        """Control kinds by name; a plugin's kind replaces the core's of the same name."""
        kinds: dict[str, ControlKind] = {}
        for _plugin, kind in sorted(self.collect_flat("register_control_kinds"), key=lambda p: p[0] != CORE_PLUGIN):
            kinds[kind.name] = kind
        return kinds

    @functools.cached_property
    def permissions(self) -> Mapping[str, tuple[str, ...]]:
        """Action → roles: the core's table plus every installed plugin's actions.

        Raises :class:`~core.errors.PluginRefused` at start-up when a plugin redefines an
        action or names an unknown role, since a silently merged permission is a security hole."""
        table = dict(PERMISSIONS)
        for plugin, permission in self.collect_flat("register_permissions"):
            if permission.action in table:
                raise PluginRefused(f"plugin '{plugin}' redefines permission '{permission.action}'")
            if unknown := set(permission.roles) - set(ROLES):
                raise PluginRefused(
                    f"plugin '{plugin}' grants '{permission.action}' to unknown roles {sorted(unknown)}"
                )
            table[permission.action] = tuple(permission.roles)
        return MappingProxyType(table)

    def collect_flat(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Like :meth:`collect` for hooks returning lists: one pair per list item."""
        return [(name, item) for name, items in self.collect(hook_name, **kwargs) for item in items]


class PluginInfo(msgspec.Struct, frozen=True):
    """One installed plugin as ``touchstone plugins``, the API and the console show it."""

    name: str
    version: str
    description: str
    hooks: list[str]
    always_on: bool
    enabled_at: list[str]
    disabled_at: list[str]


def distribution_facts() -> dict[str, tuple[str, str]]:
    """Entry-point name → (version, summary), from distribution metadata alone: listing
    what is installed never imports plugin code."""
    points = [ep for ep in entry_points() if ep.dist is not None]
    shared = Counter(ep.dist.name for ep in points if ep.dist is not None)
    facts = {}
    for ep in points:
        assert ep.dist is not None
        # A distribution that ships several plugins (Touchstone's bundled ones) describes
        # itself, not each plugin: those are described by their module's docstring instead.
        summary = "" if shared[ep.dist.name] > 1 else ep.dist.metadata.get("Summary") or ""
        facts[ep.name] = (ep.dist.version, summary)
    return facts


def describe_plugins(pm: pluggy.PluginManager, snapshot: OrgSnapshot | None) -> list[PluginInfo]:
    """List installed plugins: name, version, hooks implemented, where switched on or off.

    The single source for the CLI (``touchstone plugins``), ``GET /api/v1/plugins`` and the
    console.
    """
    facts = distribution_facts()
    infos = []
    for name, plugin in sorted(pm.list_name_plugin()):
        version, summary = facts.get(name, (str(getattr(plugin, "__version__", "")), ""))
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or ())
        switches = snapshot.switches if snapshot else {}
        codes = snapshot.units if snapshot else {}
        on = sorted(codes[u].code for u, s in switches.items() if s.get(name) is True and u in codes)
        off = sorted(codes[u].code for u, s in switches.items() if s.get(name) is False and u in codes)
        description = summary or " ".join((inspect.getdoc(plugin) or "").split("\n\n", 1)[0].split())
        infos.append(
            PluginInfo(
                name=name,
                version=version,
                description=description,
                hooks=hooks,
                always_on=name == CORE_PLUGIN,
                enabled_at=on,
                disabled_at=off,
            )
        )
    return infos


class _PinnedRuntime(PluginRuntime):
    """A runtime whose tree does not move (:meth:`PluginRuntime.pinned`)."""

    def __init__(self, runtime: PluginRuntime, tree: OrgSnapshot) -> None:
        self.__dict__.update(runtime.__dict__)  # the same manager, caches and subset callers
        self._pinned = tree

    async def snapshot(self, session: AsyncSession) -> OrgSnapshot:
        return self._pinned
