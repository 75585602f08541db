"""Job locks, so a job started on several hosts at once runs on one of them.

PostgreSQL: a session-level advisory lock held on a dedicated connection for the job's
duration (released by the server if the host dies). SQLite: an exclusive ``flock`` on a file
beside the database, which is what "several processes on one host" needs; SQLite is never
shared between hosts.
"""

from __future__ import annotations

import fcntl
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine


def lock_key(name: str) -> int:
    """A stable advisory-lock key for a job name (a CRC-32, within PostgreSQL's bigint)."""
    return zlib.crc32(f"touchstone:job:{name}".encode())


@asynccontextmanager
async def job_lock(engine: AsyncEngine, name: str) -> AsyncIterator[bool]:
    """Yield True when this process holds the lock for ``name``, False when another does."""
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            got = (await conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_key(name)})).scalar()
            await conn.commit()
            try:
                yield bool(got)
            finally:
                if got:
                    await conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(name)})
                    await conn.commit()
        return
    database = engine.url.database or "touchstone"
    path = Path(f"{database}.{name}.lock")
    with path.open("a") as handle:  # noqa: ASYNC230 (a lock file, opened once per job run)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
