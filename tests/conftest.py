"""Shared fixtures: every database test runs on SQLite and, when reachable, on PostgreSQL.

PostgreSQL is found at ``TOUCHSTONE_TEST_PG_URL`` (default ``postgresql://postgres@127.0.0.1:5432/postgres``).
When it is unreachable the PostgreSQL half is skipped with the reason, unless ``CI=true``:
then the run fails, because CI must prove both databases.

Each test gets a fresh database copied from a template migrated once per run (a file copy
on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL), so tests are isolated and fast.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

# The sample third-party plugin is "installed" the way pip would: a package plus its
# .dist-info (with the entry point) on sys.path, found by discovery, never registered by hand.
pytest.register_assert_rewrite("tests.support")
SAMPLE_SITE = Path(__file__).parent / "fixtures" / "site"
sys.path.insert(0, str(SAMPLE_SITE))

from core import migrate as migrations  # noqa: E402
from core.clock import FrozenClock  # noqa: E402
from core.config import Settings  # noqa: E402
from core.db.engine import Database, create_engine  # noqa: E402
from core.plugins import PluginRuntime, create_plugin_manager  # noqa: E402
from tests.support import START, deselect_halves  # noqa: E402

PG_URL = os.environ.get("TOUCHSTONE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
RUN_ID = uuid.uuid4().hex[:8]


def _pg_admin_url(database: str = "postgres") -> str:
    url = sa.engine.make_url(PG_URL).set(drivername="postgresql+asyncpg", database=database)
    return url.render_as_string(hide_password=False)


async def _pg_reachable() -> str | None:
    engine = create_engine(_pg_admin_url())
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
        return None
    except Exception as exc:  # any failure to connect means "not reachable"
        return f"{type(exc).__name__}: {exc}"
    finally:
        await engine.dispose()


def pytest_configure(config: pytest.Config) -> None:
    problem = asyncio.run(_pg_reachable())
    config.stash[PG_PROBLEM] = problem
    if problem and os.environ.get("CI") == "true":
        pytest.exit(f"CI=true but PostgreSQL is not reachable at {PG_URL}: {problem}", returncode=1)


PG_PROBLEM = pytest.StashKey[str | None]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A ``postgres_only`` test proves something only PostgreSQL can (interleaved writers,
    row locks): its SQLite half is not collected rather than skipped."""
    deselect_halves(config, items, lambda item, backend: backend == "sqlite" and bool(item.get_closest_marker("postgres_only")))


async def _pg_execute(sql: str) -> None:
    engine = create_engine(_pg_admin_url())
    try:
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.text(sql))
    finally:
        await engine.dispose()


def _locations():  # type: ignore[no-untyped-def]
    runtime = PluginRuntime(create_plugin_manager())
    return migrations.owner_locations([loc for _, loc in runtime.collect("register_migrations")])


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrations.upgrade(engine, _locations())
    finally:
        await engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and (problem := request.config.stash[PG_PROBLEM]):
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} ({problem}); set CI=true to make this fatal")
    return request.param


@pytest.fixture(scope="session")
def template(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated once per run: a file path (SQLite) or a database name (PostgreSQL)."""
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.db"
        asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
        yield str(path)
        return
    name = f"ts_tpl_{RUN_ID}"
    asyncio.run(_pg_execute(f"CREATE DATABASE {name}"))
    asyncio.run(_migrate(_pg_admin_url(name)))
    yield name
    asyncio.run(_pg_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def database_url(backend: str, template: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test."""
    if backend == "sqlite":
        path = tmp_path / "touchstone.db"
        shutil.copyfile(template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    name = f"ts_{RUN_ID}_{uuid.uuid4().hex[:10]}"
    asyncio.run(_pg_execute(f"CREATE DATABASE {name} TEMPLATE {template}"))
    yield _pg_admin_url(name)
    asyncio.run(_pg_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=database_url)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(create_engine(database_url))
    yield database
    await database.dispose()


@pytest.fixture
def plugins() -> PluginRuntime:
    return PluginRuntime(create_plugin_manager())


pytest_plugins = ["tests.support"]
