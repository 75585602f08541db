"""Engines and units of work.

On SQLite every connection runs in WAL mode with foreign keys on, and a writing unit of work
starts with ``BEGIN IMMEDIATE`` so two writers queue on the lock (``busy_timeout``) instead of
one failing when it upgrades a read lock. Reading units of work start a plain ``BEGIN``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

import msgspec
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

READONLY = "touchstone_readonly"
JSON_CODEC = {
    "json_serializer": lambda value: msgspec.json.encode(value).decode(),
    "json_deserializer": msgspec.json.decode,
}
"""JSON columns through msgspec: several times faster than the standard library on the
event hot path, and Decimal/date values come out as strings, as the API writes them."""


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """Build the async engine for ``url`` with Touchstone's connection settings.

    A statement's parameters are left out of the errors it raises: they are clients' names
    and phone numbers as often as not, and error messages end up in logs, in a failed job's
    summary and on an operator's terminal."""
    if url.startswith("sqlite"):
        database = sa.engine.make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 30}, hide_parameters=True, **JSON_CODEC)
        _configure_sqlite(engine)
        return engine
    return create_async_engine(
        url, echo=echo, pool_size=10, max_overflow=10, pool_pre_ping=True, hide_parameters=True, **JSON_CODEC
    )


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA busy_timeout=30000",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(conn):  # type: ignore[no-untyped-def]
        readonly = conn.get_execution_options().get(READONLY, False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


class Database:
    """The engine plus a session factory; hands out units of work."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
        self._writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def unit_of_work(self, *, readonly: bool = False) -> AsyncIterator[AsyncSession]:
        """One transaction: commits when the block ends normally, rolls back otherwise.

        SQLite has one writer at a time; writing units of work of this process queue on an
        asyncio lock instead of on SQLite's busy handler, which sleeps and polls and turns
        contention into seconds of latency. (Other processes still meet ``busy_timeout``.)
        """
        if self._writer is None or readonly:
            async with self._transaction(readonly) as session:
                yield session
            return
        async with self._writer, self._transaction(readonly) as session:
            yield session

    @asynccontextmanager
    async def _transaction(self, readonly: bool) -> AsyncIterator[AsyncSession]:
        async with self.sessions() as session:
            if readonly:
                await self._begin_readonly(session)
            try:
                yield session
                if readonly:  # keep what was read usable after the block, write nothing
                    session.expunge_all()
                    await session.rollback()
                else:
                    await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def _begin_readonly(self, session: AsyncSession) -> None:
        await session.connection(execution_options={READONLY: True})

    @asynccontextmanager
    async def rehearsal(self) -> AsyncIterator[Database]:
        """A database whose units of work all run inside one transaction that is rolled back
        when the block ends: what a job's ``--dry-run`` writes (rows, outbox messages, audit
        entries) is seen by its own later batches and by nobody else, and is never kept.

        Each unit of work is a savepoint of that transaction (its commit releases the
        savepoint, its rollback undoes only its own writes). On SQLite the rehearsal holds
        this process's writer lock throughout, as one long writing unit of work."""
        async with self._writer or nullcontext(), self.engine.connect() as connection:
            outer = await connection.begin()
            try:
                yield _Rehearsal(self.engine, connection)
            finally:
                await outer.rollback()

    async def dispose(self) -> None:
        await self.engine.dispose()


class _Rehearsal(Database):
    """The units of work of :meth:`Database.rehearsal`: savepoints on one connection."""

    def __init__(self, engine: AsyncEngine, connection: AsyncConnection) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False, autoflush=True
        )
        self._writer = None  # the rehearsal holds it already

    async def _begin_readonly(self, session: AsyncSession) -> None:
        """Nothing: the rehearsal's transaction has begun already."""

    async def dispose(self) -> None:
        """Nothing: the engine belongs to the database the rehearsal came from."""
