"""Test databases: where PostgreSQL is, and migrated databases made fast by templates.

SQLite is always there. PostgreSQL is opt-in: a URL given as ``--touchstone-postgres URL``,
in ``TOUCHSTONE_TEST_PG_URL`` or in the ``touchstone_postgres`` ini setting (first found
wins). When one is configured but does not answer, its half of each test is skipped with the
reason, unless ``CI=true``: then the run stops, because CI must prove both databases.

A template is migrated once per test session (per pytest-xdist worker: each worker is its
own session) and each test gets a copy: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE``
on PostgreSQL. PostgreSQL names carry a random run id, so parallel runs never collide.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from core import migrate as migrations
from core.db.engine import create_engine
from core.plugins import PluginRuntime, create_plugin_manager

PG_ENV = "TOUCHSTONE_TEST_PG_URL"
PG_OPTION = "--touchstone-postgres"
PG_INI = "touchstone_postgres"
RUN_ID = uuid.uuid4().hex[:8]
"""Names this process's PostgreSQL databases (one per xdist worker, as each is a process)."""


class Postgres:
    """The PostgreSQL server tests run on: its URL, and why it does not answer (if it does not)."""

    def __init__(self, url: str, problem: str | None) -> None:
        self.url = url
        self.problem = problem

    def admin_url(self, database: str = "postgres") -> str:
        """The configured server's URL with the asyncpg driver, for ``database``."""
        url = sa.engine.make_url(self.url).set(drivername="postgresql+asyncpg", database=database)
        return url.render_as_string(hide_password=False)

    async def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (``CREATE``/``DROP DATABASE`` need that)."""
        engine = create_engine(self.admin_url())
        try:
            async with engine.connect() as conn:
                await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(sa.text(sql))
        finally:
            await engine.dispose()

    async def create_template(self) -> str:
        name = f"ts_tpl_{RUN_ID}"
        await self.execute(f"CREATE DATABASE {name}")
        await migrate(self.admin_url(name))
        return name

    async def copy(self, template: str) -> str:
        """A new database copied from ``template``; returns its name."""
        name = f"ts_{RUN_ID}_{uuid.uuid4().hex[:10]}"
        await self.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        return name

    async def create_empty(self) -> str:
        """A new database nothing was ever written to; returns its name."""
        name = f"ts_{RUN_ID}_empty_{uuid.uuid4().hex[:10]}"
        await self.execute(f"CREATE DATABASE {name}")
        return name

    async def drop(self, name: str) -> None:
        await self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def configured_url(config: pytest.Config) -> str | None:
    """The PostgreSQL URL the run was given (option, environment, ini), or None."""
    given = config.getoption(PG_OPTION) or os.environ.get(PG_ENV) or config.getini(PG_INI)
    return str(given) if given else None


async def probe(url: str) -> Postgres:
    """The server at ``url``, with the reason it cannot be reached if it cannot."""
    server = Postgres(url, None)
    engine = create_engine(server.admin_url())
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # any failure to connect means "not reachable"
        server.problem = f"{type(exc).__name__}: {exc}"
    finally:
        await engine.dispose()
    return server


async def migrate(url: str) -> None:
    """Migrate the database at ``url``: the core and every installed plugin, so any plugin
    set a test picks finds its tables."""
    runtime = PluginRuntime(create_plugin_manager())
    locations = migrations.owner_locations([loc for _, loc in runtime.collect("register_migrations")])
    engine = create_engine(url)
    try:
        await migrations.upgrade(engine, locations)
    finally:
        await engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def create_sqlite_template(directory: Path) -> str:
    path = directory / "template.db"
    await migrate(sqlite_url(path))
    return str(path)


def copy_sqlite(template: str, path: Path) -> str:
    """A copy of the SQLite ``template`` at ``path``; returns its URL."""
    shutil.copyfile(template, path)
    return sqlite_url(path)
