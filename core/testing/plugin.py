"""The pytest plugin of the testing kit, loaded through the ``pytest11`` entry point
``touchstone`` wherever the distribution is installed (``pip install 'touchstone[test]'``).

It adds ``--touchstone-postgres URL`` (see :mod:`core.testing.databases`), the
``postgres_only`` marker, and the fixtures listed in :mod:`core.testing`. Every fixture that
reaches a database depends on ``backend``, so each such test runs once per configured
database: ``test_x[sqlite]`` always, ``test_x[postgresql]`` when PostgreSQL is configured.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.api.app import create_app
from core.clock import FrozenClock
from core.config import Settings
from core.db.engine import Database, create_engine
from core.models import OrgUnit
from core.plugins import PluginRuntime
from core.testing import databases
from core.testing.demo import DEMO_CLIENTS, DemoLoader, DemoRun, load_demo
from core.testing.network import START, PluginSwitch, SeededNetwork, build_network, enable, seed_network
from core.testing.plugin_sets import AppFactory, PluginSet, plugin_manager_for
from core.testing.selection import deselect_halves
from core.testing.tokens import TokenFactory, token_factory

POSTGRES = pytest.StashKey[databases.Postgres | None]()
"""The PostgreSQL server the run was given (None: SQLite only)."""


# --- options, markers, parametrization -----------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("touchstone", "Touchstone testing kit")
    group.addoption(
        databases.PG_OPTION,
        metavar="URL",
        default=None,
        help=f"also run every database test on the PostgreSQL server at URL (or set {databases.PG_ENV}, "
        f"or the {databases.PG_INI} ini setting); SQLite always runs",
    )
    parser.addini(databases.PG_INI, "a PostgreSQL server URL every database test also runs on", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "postgres_only: a concurrency or locking property only PostgreSQL can prove (its SQLite half is not collected)",
    )
    server = None
    if url := databases.configured_url(config):
        server = asyncio.run(databases.probe(url))
        if server.problem and os.environ.get("CI") == "true":
            pytest.exit(f"CI=true but PostgreSQL is not reachable at {url}: {server.problem}", returncode=1)
    config.stash[POSTGRES] = server


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One run per configured database for every test that reaches one (through ``backend``)."""
    if "backend" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if metafunc.config.stash[POSTGRES] else [])
        metafunc.parametrize("backend", backends, indirect=True, scope="session")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A ``postgres_only`` test proves something only PostgreSQL can (interleaved writers,
    row locks): its SQLite half is not collected rather than skipped."""
    deselect_halves(
        config, items, lambda item, backend: backend == "sqlite" and bool(item.get_closest_marker("postgres_only"))
    )


# --- databases -------------------------------------------------------------------------------


def _postgres(config: pytest.Config) -> databases.Postgres:
    server = config.stash[POSTGRES]
    assert server is not None, "the postgresql backend runs only when PostgreSQL is configured"
    return server


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    """``"sqlite"`` or ``"postgresql"``: the database this run of the test is on."""
    name: str = request.param
    if name == "postgresql" and (problem := _postgres(request.config).problem):
        pytest.skip(
            f"PostgreSQL not reachable at {_postgres(request.config).url} ({problem}); set CI=true to make this fatal"
        )
    return name


@pytest.fixture(scope="session")
def template(backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated once per session: a file path (SQLite) or a database name (PostgreSQL)."""
    if backend == "sqlite":
        yield asyncio.run(databases.create_sqlite_template(tmp_path_factory.mktemp("template")))
        return
    server = _postgres(request.config)
    name = asyncio.run(server.create_template())
    yield name
    asyncio.run(server.drop(name))


@pytest.fixture
def database_url(backend: str, template: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test, copied from the template."""
    if backend == "sqlite":
        yield databases.copy_sqlite(template, tmp_path / "touchstone.db")
        return
    server = _postgres(request.config)
    name = asyncio.run(server.copy(template))
    yield server.admin_url(name)
    asyncio.run(server.drop(name))


@pytest.fixture
def empty_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nothing was ever written to, not even migrated: for tests of what a fresh
    install does (``touchstone migrate``, commands before it)."""
    if backend == "sqlite":
        (tmp_path / "empty").mkdir()
        yield databases.sqlite_url(tmp_path / "empty" / "touchstone.db")
        return
    server = _postgres(request.config)
    name = asyncio.run(server.create_empty())
    yield server.admin_url(name)
    asyncio.run(server.drop(name))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings on the test's database, with the test's temporary directory as data directory."""
    return Settings(data_dir=tmp_path, database_url=database_url)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's process speaks English (``TOUCHSTONE_LANG=en``): jobs, commands, and API
    answers to requests without ``Accept-Language``. For a test about a rule that compares
    the rule's English text; a test about the language sends the header it means."""
    monkeypatch.setenv("TOUCHSTONE_LANG", "en")


@pytest.fixture
def clock() -> FrozenClock:
    """A clock standing at :data:`core.testing.START` until the test moves it."""
    return FrozenClock(START)


@pytest_asyncio.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """The test's database, for writing and checking rows directly."""
    database = Database(create_engine(database_url))
    yield database
    await database.dispose()


# --- plugins, the organisation, the app ------------------------------------------------------


@pytest.fixture
def touchstone_plugins() -> PluginSet | None:
    """The plugin set of ``plugins``, ``make_app``, ``app`` and ``run_demo``: ``None`` for every
    installed plugin. Override it (in a conftest, a module, or with ``parametrize``) with a
    list of installed plugins' names and ``(name, object)`` pairs."""
    return None


@pytest.fixture
def plugins(touchstone_plugins: PluginSet | None) -> PluginRuntime:
    """The plugin runtime services and hook contexts use, with the test's plugin set."""
    return PluginRuntime(plugin_manager_for(touchstone_plugins))


@pytest_asyncio.fixture
async def network(db: Database) -> dict[str, OrgUnit]:
    """The units of :data:`core.testing.NETWORK` (no staff, no clients), by code."""
    return await build_network(db)


@pytest_asyncio.fixture
async def seeded_network(
    db: Database, network: dict[str, OrgUnit], plugins: PluginRuntime, clock: FrozenClock, settings: Settings
) -> SeededNetwork:
    """The network with staff in every role and, at each outlet, a client of each tier
    (:class:`core.testing.SeededNetwork`)."""
    return await seed_network(db, network, plugins=plugins, clock=clock, settings=settings)


@pytest.fixture
def make_app(settings: Settings, clock: FrozenClock, touchstone_plugins: PluginSet | None) -> AppFactory:
    """``make_app()`` → a new app on the test's database and clock, with the test's plugin
    set (or ``make_app(plugins=[...])``). Each app has its own engine: Litestar's test client
    runs it on another event loop than the test's, and a pooled connection must stay on the
    loop that opened it."""

    def build(plugins: PluginSet | None = touchstone_plugins) -> Litestar:
        return create_app(settings, plugin_manager=plugin_manager_for(plugins), clock=clock)

    return build


@pytest.fixture
def app(make_app: AppFactory, network: dict[str, OrgUnit]) -> Litestar:
    """The app on the test's network."""
    return make_app()


@pytest_asyncio.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """An HTTP client of ``app`` (Litestar's ``AsyncTestClient``; the app's lifespan runs)."""
    async with AsyncTestClient(app=app) as test_client:
        yield test_client


@pytest.fixture
def token_for(db: Database, network: dict[str, OrgUnit], clock: FrozenClock) -> TokenFactory:
    """``await token_for("teller", "OUT1")`` → headers for a new member of staff there.

    ``service=True`` makes a service account instead; ``roles=[...]`` gives several roles;
    ``staff=member`` issues the token to an existing member (e.g. of ``seeded_network``).
    """
    return token_factory(db, network, clock)


@pytest.fixture
def enable_plugin(db: Database, network: dict[str, OrgUnit]) -> PluginSwitch:
    """``await enable_plugin("acme_lounge", "SB1")`` switches the plugin on at the unit (and,
    by inheritance, below it); ``enabled=False`` switches it off there."""

    async def switch(plugin: str, unit: str = "HO", enabled: bool = True) -> None:
        await enable(db, plugin, network[unit], enabled)

    return switch


@pytest.fixture
def run_demo(db: Database, clock: FrozenClock, settings: Settings, touchstone_plugins: PluginSet | None) -> DemoLoader:
    """``await run_demo()`` → the core's demo network and the plugins' demo data in the
    test's (empty) database, and an admin token (:class:`core.testing.DemoRun`). Not with
    ``network``: the demo brings its own tree."""

    async def run(*, clients: int = DEMO_CLIENTS, plugins: PluginSet | None = touchstone_plugins) -> DemoRun:
        return await load_demo(db, clock, settings, clients=clients, plugins=plugins)

    return run
