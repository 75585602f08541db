"""The Touchstone testing kit: a pytest plugin for testing a plugin (and Touchstone itself).

Installed with ``pip install 'touchstone[test]'``, it is loaded by pytest through the
``pytest11`` entry point ``touchstone`` (:mod:`core.testing.plugin`); nothing to import or
register. Its fixtures, by name (``docs/plugins.md`` shows them at work):

``backend``, ``template``, ``database_url``, ``db``
    A fresh migrated database per test, once on SQLite and once more on PostgreSQL when one
    is configured (``--touchstone-postgres URL``, ``TOUCHSTONE_TEST_PG_URL`` or the
    ``touchstone_postgres`` ini setting); copied from a template migrated once per session.
``settings``, ``clock``
    Settings on that database; a :class:`~core.clock.FrozenClock` at :data:`START`.
``touchstone_plugins``, ``plugins``
    The plugin set (``None``: every installed plugin; override it with names and
    ``(name, object)`` pairs) and the plugin runtime built from it.
``network``, ``seeded_network``
    The units of :data:`NETWORK`; the same with staff of every role and clients of every
    tier (:class:`SeededNetwork`).
``make_app``, ``app``, ``client``
    An app factory, the app on the network, and Litestar's ``AsyncTestClient`` of it.
``token_for``, ``enable_plugin``, ``run_demo``
    Headers for a role at a unit; a plugin switched on or off at a unit; the core's demo
    network with the plugins' ``load_demo_data``.

This module holds what a test imports besides fixtures. The names in ``__all__`` follow
semantic versioning of the ``touchstone`` distribution, as :mod:`core.sdk`'s do.
"""

from core.testing.demo import DemoLoader, DemoRun, load_demo
from core.testing.network import (
    NETWORK,
    ROLES_BY_LEVEL,
    START,
    PluginSwitch,
    SeededNetwork,
    build_network,
    enable,
    seed_network,
)
from core.testing.plugin_sets import AppFactory, PluginSet, installed_plugins, plugin_manager_for
from core.testing.selection import deselect_halves
from core.testing.servers import live_server
from core.testing.tokens import TokenFactory

__all__ = [
    "NETWORK",
    "ROLES_BY_LEVEL",
    "START",
    "AppFactory",
    "DemoLoader",
    "DemoRun",
    "PluginSet",
    "PluginSwitch",
    "SeededNetwork",
    "TokenFactory",
    "build_network",
    "deselect_halves",
    "enable",
    "installed_plugins",
    "live_server",
    "load_demo",
    "plugin_manager_for",
    "seed_network",
]
