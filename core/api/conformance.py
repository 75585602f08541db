"""Conformance: the rules every installed plugin keeps, checked at start-up and by
``touchstone plugin check``.

Each rule is a small function from a :class:`Subject` (the installed plugins, through the
same runtime and routers the app uses) to the :class:`~core.errors.Finding` s that break it;
``docs/plugins.md`` ("Conformance") lists them for plugin authors. :func:`refuse` runs the
:data:`AT_START_UP` rules and raises :class:`~core.errors.PluginNonConformant` naming every
plugin and rule: ``create_app``, ``touchstone serve`` and every other command call it, so a
non-conforming plugin stops the app with a message, never a stack trace. The two rules that
migrate scratch databases or read every file a distribution ships (:data:`THOROUGH`) run only
under ``touchstone plugin check``. The route rules need the mounted routers, so this module
lives with the API.
"""

from __future__ import annotations

import asyncio
import difflib
import functools
import inspect
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
from litestar import Router

from core import migrate as migrations
from core import shipped
from core.api.auth import PUBLIC_PATHS
from core.api.declared import PUBLIC, declared_public, effective_opt, requires_a_permission, routes, undeclared_routes
from core.api.mounts import mount_path, mounted
from core.db.base import Base
from core.errors import Finding, PluginNonConformant, validation_field
from core.hookspecs import CORE_PLUGIN
from core.migrate import CORE_MIGRATIONS
from core.models import Touchpoint
from core.plugins import ENTRY_POINT_GROUP, PluginRuntime, entry_points
from core.types import MigrationsLocation, TouchpointSpec, channel_named

PLUGIN_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class Subject:
    """What the rules look at: the runtime's plugin manager, the routers the app would mount,
    what the registration hooks return and which tables each plugin's models define.

    ``commands`` are the names the command line already has, which plugin commands must not
    take (the API's start-up passes none: it mounts no commands); ``routers``, what
    :func:`~core.api.mounts.mounted` returned, when the app has built them already."""

    def __init__(
        self, runtime: PluginRuntime, *, commands: Iterable[str] = (), routers: list[tuple[str, Router]] | None = None
    ) -> None:
        self.runtime = runtime
        self.pm = runtime.pm
        self.commands = frozenset(commands)
        self.notes: list[Finding] = []
        self._mounted = routers

    @functools.cached_property
    def plugins(self) -> list[str]:
        """The installed plugins' names, the core's defaults aside."""
        return sorted(name for name, _ in self.pm.list_name_plugin() if name != CORE_PLUGIN)

    @functools.cached_property
    def routers(self) -> list[tuple[str, Router]]:
        """Each plugin's router (the core's aside)."""
        every = mounted(self.runtime) if self._mounted is None else self._mounted
        return [(plugin, router) for plugin, router in every if plugin != CORE_PLUGIN]

    def collected(self, hook: str) -> list[tuple[str, Any]]:
        """What each plugin's ``hook`` returns, lists flattened. An async implementation's
        coroutine is closed unread: rule ``async-hook`` reports it."""
        pairs: list[tuple[str, Any]] = []
        for plugin, result in self.runtime.collect(hook):
            if inspect.iscoroutine(result):
                result.close()
                continue
            pairs.extend((plugin, item) for item in (result if isinstance(result, list | tuple) else [result]))
        return pairs

    @functools.cached_property
    def locations(self) -> dict[str, MigrationsLocation]:
        return {plugin: loc for plugin, loc in self.collected("register_migrations") if plugin != CORE_PLUGIN}

    @functools.cached_property
    def tables(self) -> dict[str, set[str]]:
        """Plugin → the tables of the models defined in its package (or module)."""
        packages = {name: package_of(self.pm.get_plugin(name)) for name in self.plugins}
        found: dict[str, set[str]] = defaultdict(set)
        for mapper in Base.registry.mappers:
            module = mapper.class_.__module__
            for name, package in packages.items():
                if module == package or module.startswith(f"{package}."):
                    found[name].update(table.name for table in mapper.tables)
        return found


def package_of(plugin: object) -> str:
    """The module a plugin is (a package: its subpackages too), or the one its class is defined in."""
    return plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__


Rule = Callable[[Subject], Iterator[Finding]]


# --- routes -------------------------------------------------------------------------------


def permission(subject: Subject) -> Iterator[Finding]:
    """Every route requires a permission (``requires(...)``) or is declared public, not both."""
    for plugin, router in subject.routers:
        if missing := undeclared_routes(router):
            yield Finding(
                plugin,
                "permission",
                f"routes that declare no permission: {', '.join(missing)}. Guard "
                'each with guards=[requires("<permission>")] (core.sdk), or, for a page meant for people '
                f'without a token, declare it with opt={{"{PUBLIC}": True}}',
            )
        for route, handler in routes(router):
            if declared_public(handler) and requires_a_permission(handler):
                yield Finding(
                    plugin,
                    "permission",
                    f"{route} is declared public and requires a permission: a caller "
                    "without a token has no role to check; choose one",
                )


def enablement(subject: Subject) -> Iterator[Finding]:
    """Every route stays under its mount, where the plugin's enablement guard stands before it
    (the mount adds it to every route beneath), answers without a token only by the explicit
    ``opt={"public": True}``, and, when public, names the unit the guard checks."""
    for plugin, router in subject.routers:
        mount = mount_path(plugin)
        for route, handler in routes(router):
            path = route.split(" ", 1)[1]
            if not (path == mount or path.startswith(f"{mount}/")) or {".", ".."} & set(path.split("/")):
                yield Finding(plugin, "enablement", f"{route} escapes the plugin's mount {mount}")
            skips_tokens = bool(effective_opt(handler).get(PUBLIC)) or any(re.match(p, path) for p in PUBLIC_PATHS)
            if skips_tokens and not declared_public(handler):
                yield Finding(
                    plugin,
                    "enablement",
                    f'{route} answers without a token but is not declared public with opt={{"{PUBLIC}": True}}',
                )
            if declared_public(handler) and "{unit_code" not in path and "unit" not in _parameters(handler):
                yield Finding(
                    plugin,
                    "enablement",
                    f"{route} is declared public but names no unit (a unit_code path "
                    "parameter or a unit query parameter): the enablement guard cannot tell where it is on",
                )


def _parameters(handler: Any) -> set[str]:
    return set(inspect.signature(handler.fn).parameters)


# --- tables -------------------------------------------------------------------------------


def table_prefix(subject: Subject) -> Iterator[Finding]:
    """A plugin's migrations are its own (owner and prefix its name) and its tables carry the
    prefix, which no other plugin's tables share."""
    for plugin, loc in subject.locations.items():
        if loc.owner != plugin or loc.table_prefix != f"{plugin}_":
            yield Finding(
                plugin,
                "table-prefix",
                f"register_migrations returns owner '{loc.owner}' and prefix "
                f"'{loc.table_prefix}'; they must be '{plugin}' and '{plugin}_'",
            )
    for plugin, tables in sorted(subject.tables.items()):
        for table in sorted(tables):
            if not table.startswith(f"{plugin}_"):
                yield Finding(plugin, "table-prefix", f"table '{table}' lacks the plugin's prefix '{plugin}_'")
        for other in subject.plugins:
            if other != plugin and (covered := sorted(t for t in tables if t.startswith(f"{other}_"))):
                yield Finding(
                    other,
                    "table-prefix",
                    f"the prefix '{other}_' also covers the tables of plugin "
                    f"'{plugin}' ({', '.join(covered)}): its migrations would autogenerate them",
                )


# --- hooks --------------------------------------------------------------------------------


def _callers(subject: Subject) -> Iterator[tuple[str, Any]]:
    return ((name, caller) for name, caller in vars(subject.pm.hook).items() if not name.startswith("_"))


def unknown_hook(subject: Subject) -> Iterator[Finding]:
    """Every hook implementation matches a specification (pluggy's ``check_pending``, per plugin)."""
    specs = [name for name, caller in _callers(subject) if caller.has_spec()]
    for name, caller in _callers(subject):
        if caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if not impl.optionalhook:
                near = difflib.get_close_matches(name, specs, n=1)
                hint = (
                    f"did you mean '{near[0]}'?"
                    if near
                    else "(a hook another plugin publishes? mark it @hookimpl(optionalhook=True))"
                )
                yield Finding(impl.plugin_name, "unknown-hook", f"'{name}' matches no hook specification; {hint}")


def async_hook(subject: Subject) -> Iterator[Finding]:
    """Registration hooks (``register_*``) and ``firstresult`` hooks are implemented synchronously."""
    for name, caller in _callers(subject):
        if not caller.has_spec():
            continue
        kind = (
            "registration"
            if name.startswith("register_")
            else "firstresult"
            if caller.spec.opts.get("firstresult")
            else None
        )
        for impl in caller.get_hookimpls() if kind else ():
            if inspect.iscoroutinefunction(impl.function) or inspect.isasyncgenfunction(impl.function):
                yield Finding(
                    impl.plugin_name,
                    "async-hook",
                    f"'{name}' is async, but a {kind} hook is synchronous "
                    "and does no I/O" + (" (a coroutine always counts as an answer)" if kind == "firstresult" else ""),
                )


# --- what plugins contribute ----------------------------------------------------------------


def clash(subject: Subject) -> Iterator[Finding]:
    """No two plugins share a mount (a name), a delivery-channel topic prefix or a command."""
    yield from mount_clashes(subject)
    yield from _shared(
        "clash",
        "topic prefix",
        (
            (plugin, topic)
            for plugin, channel in subject.collected("register_delivery_channels")
            for topic in channel.topics
        ),
    )
    yield from command_clashes(subject)


def mount_clashes(subject: Subject) -> Iterator[Finding]:
    """A plugin's name is one path segment, and no two distributions install the same name
    (pluggy would load the first and silently skip the second)."""
    for name, _ in subject.pm.list_name_plugin():
        if not PLUGIN_NAME.fullmatch(name):
            yield Finding(
                name,
                "clash",
                f"the name '{name}' is not lowercase letters, digits and underscores: "
                f"its mount {mount_path(name)} would reach into another's",
            )
    by_name: dict[str, set[str]] = defaultdict(set)
    for point in entry_points():
        by_name[point.name].add(point.dist.name if point.dist else "?")
    for name, dists in sorted(by_name.items()):
        if len(dists) > 1:
            yield Finding(
                name,
                "clash",
                f"distributions {', '.join(sorted(dists))} each install a plugin named "
                f"'{name}' ({ENTRY_POINT_GROUP}) at {mount_path(name)}; only one is loaded",
            )


def command_clashes(subject: Subject) -> Iterator[Finding]:
    """Plugin commands take names no other plugin and no built-in command has."""
    commands = [(plugin, command.name) for plugin, command in subject.collected("register_commands")]
    yield from _shared("clash", "command", commands)
    for plugin, name in commands:
        if name in subject.commands:
            yield Finding(plugin, "clash", f"command '{name}' is already a touchstone command")


def _shared(rule: str, what: str, claims: Iterable[tuple[str, str]]) -> Iterator[Finding]:
    """A finding for each plugin (the core's defaults aside) claiming a value another claims too."""
    owners: dict[str, set[str]] = defaultdict(set)
    for plugin, value in claims:
        owners[value].add(plugin)
    for value, plugins in sorted(owners.items()):
        for plugin in sorted(plugins - {CORE_PLUGIN}) if len(plugins) > 1 else ():
            others = ", ".join(sorted(plugins - {plugin}))
            yield Finding(plugin, rule, f"{what} '{value}' is also claimed by {others}")


def touchpoint(subject: Subject) -> Iterator[Finding]:
    """Touchpoints a plugin adds are what the catalogue holds: a known channel, codes and
    names that fit their columns, codes no other plugin adds."""
    columns = Touchpoint.__table__.columns
    specs = subject.collected("register_touchpoints")
    for plugin, spec in specs:
        code = getattr(spec, "code", "?")
        try:
            given = msgspec.to_builtins(spec)
            if isinstance(given, dict) and isinstance(given.get("channel"), str):
                given["channel"] = channel_named(given["channel"])
            checked = msgspec.convert(given, TouchpointSpec)
        except msgspec.ValidationError as exc:
            field, message = validation_field(exc)
            yield Finding(plugin, "touchpoint", f"touchpoint '{code}': {field or 'the touchpoint'}: {message}")
            continue
        for field in ("code", "name"):
            limit = getattr(columns[field].type, "length", None) or 0
            if len(value := getattr(checked, field)) > limit > 0:
                yield Finding(
                    plugin, "touchpoint", f"touchpoint '{code}': {field} '{value}' is longer than {limit} characters"
                )
    codes = ((plugin, getattr(spec, "code", "?")) for plugin, spec in specs)
    yield from _shared("touchpoint", "touchpoint code", codes)


# --- only under ``touchstone plugin check``: they migrate scratch databases, read distributions --


def migration_history(subject: Subject) -> Iterator[Finding]:
    """Each owner's migrations, run alone on a scratch SQLite database after the core's,
    create its own tables and no one else's."""
    created: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory(prefix="touchstone-check-") as scratch:
        core = Path(scratch) / "core.db"
        created[CORE_PLUGIN] = asyncio.run(migrations.tables_created(CORE_MIGRATIONS, core))
        for plugin, loc in sorted(subject.locations.items()):
            alone = Path(scratch) / f"{plugin}.db"
            shutil.copyfile(core, alone)
            try:
                created[plugin] = asyncio.run(migrations.tables_created(loc, alone))
            except Exception as exc:  # whatever a plugin's migration raises is what to report
                yield Finding(plugin, "migration-history", f"its migrations fail on a scratch SQLite database: {exc}")
    for owner, tables in created.items():
        for table in sorted(tables):
            if (expected := _owner_of(table, subject.plugins)) == owner:
                continue
            if owner == CORE_PLUGIN:
                yield Finding(expected, "migration-history", f"its table '{table}' is created by the core's migrations")
            else:
                whose = f"a table of plugin '{expected}'" if expected != CORE_PLUGIN else f"which lacks '{owner}_'"
                yield Finding(owner, "migration-history", f"its migrations create '{table}', {whose}")
    for plugin, tables in sorted(subject.tables.items()):
        for table in sorted(tables - created.get(plugin, set())):
            others = [owner for owner, made in created.items() if table in made]
            where = f"by the migrations of {', '.join(others)}, not its own" if others else "by none of its migrations"
            yield Finding(plugin, "migration-history", f"its model's table '{table}' is created {where}")


def _owner_of(table: str, plugins: list[str]) -> str:
    """The plugin whose prefix is the longest to start ``table``; the core when none does."""
    return max((p for p in plugins if table.startswith(f"{p}_")), key=len, default=CORE_PLUGIN)


def wheel(subject: Subject) -> Iterator[Finding]:
    """Migrations, templates, styles, catalogs and TOML a plugin needs at run time ship with its
    distribution, and its migrations folder is whole where it is installed."""
    dists = {point.name: point.dist for point in entry_points() if point.dist is not None}
    for plugin, loc in sorted(subject.locations.items()):
        lacking = [part for part in ("env.py", "script.py.mako", "versions") if not (loc.path / part).exists()]
        if lacking:
            yield Finding(plugin, "wheel", f"its migrations folder {loc.path} lacks {', '.join(lacking)}")
    for name in [CORE_PLUGIN, *subject.plugins]:
        if (dist := dists.get(name)) is None:
            subject.notes.append(Finding(name, "wheel", "skipped: not installed from a distribution"))
            continue
        found = shipped.unshipped(dist, package_folder(subject.pm.get_plugin(name)))
        if isinstance(found, str):
            subject.notes.append(Finding(name, "wheel", f"skipped: {found}"))
        elif found:
            yield Finding(name, "wheel", f"distribution {dist.name} does not ship {', '.join(found)}")


def package_folder(plugin: object) -> Path:
    """The folder of a plugin's package (a plain module's: the folder it is in)."""
    module = plugin if isinstance(plugin, ModuleType) else sys.modules[type(plugin).__module__]
    return Path(module.__path__[0]) if hasattr(module, "__path__") else Path(str(module.__file__)).parent


AT_START_UP: tuple[Rule, ...] = (permission, enablement, table_prefix, unknown_hook, async_hook, clash, touchpoint)
"""The rules the app and every command check before they start."""
EVERY_RULE: tuple[Rule, ...] = (*AT_START_UP, migration_history, wheel)
"""What ``touchstone plugin check`` checks."""


def check(subject: Subject, rules: Iterable[Rule] = AT_START_UP) -> list[Finding]:
    """Every finding of ``rules`` over the installed plugins, in rule order (what a rule could
    not check is added to ``subject.notes``)."""
    return [finding for rule in rules for finding in rule(subject)]


def refuse(
    runtime: PluginRuntime,
    *,
    commands: Iterable[str] = (),
    routers: list[tuple[str, Router]] | None = None,
) -> None:
    """Raise :class:`~core.errors.PluginNonConformant` when an installed plugin breaks a start-up rule."""
    if findings := check(Subject(runtime, commands=commands, routers=routers)):
        raise PluginNonConformant(findings)
