"""Generation counters: how per-process caches learn that shared data changed.

A cache (the organisation tree with plugin switches, the standards in force) is labelled
with the generation it was built from. Whoever changes the underlying rows bumps the
generation in the same transaction. Each unit of work reads all counters once, in one
query, the first time a cache asks, so a cache costs at most one small round trip per unit
of work and none per lookup, and a change made through one worker process is seen by every
other from its next unit of work on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import Database
from core.models import CacheGeneration

T = TypeVar("T")
ORG = "org"  # the organisation tree and the plugin switches
_SEEN = "touchstone.generations"
_DIRTY = "touchstone.generations_dirty"


async def current(session: AsyncSession, name: str) -> int | None:
    """The generation of ``name`` as this unit of work sees it, or None when this unit of
    work changed it itself (its view holds uncommitted state: do not cache it)."""
    if name in session.info.get(_DIRTY, ()):
        return None
    seen = session.info.get(_SEEN)
    if seen is None:
        seen = session.info[_SEEN] = await _read(session)
    return seen.get(name, 0)


async def _read(session: AsyncSession) -> dict[str, int]:
    return dict((await session.execute(sa.select(CacheGeneration.name, CacheGeneration.value))).all())


class SharedRead:
    """The counters as committed now, for what must know them before any unit of work of a
    request's own (authenticating its token).

    Every request needs them, so concurrent requests share reads: one read serves all callers
    waiting when it starts. A caller never gets a read that started before it asked, so what
    was committed before a request arrived is always seen by it; at most one read is in
    flight, and a burst of requests costs one or two reads instead of one each.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._one_at_a_time = asyncio.Lock()
        self._next: asyncio.Future[dict[str, int]] | None = None
        self._reads: set[asyncio.Task[None]] = set()  # the loop holds tasks weakly

    async def read(self) -> Mapping[str, int]:
        if self._next is None:  # no read waiting to start: schedule one
            self._next = asyncio.get_running_loop().create_future()
            task = asyncio.create_task(self._serve(self._next))
            self._reads.add(task)
            task.add_done_callback(self._reads.discard)
        return await asyncio.shield(self._next)

    async def _serve(self, future: asyncio.Future[dict[str, int]]) -> None:
        async with self._one_at_a_time:  # after the read in flight, which may have started before its callers asked
            self._next = None  # callers from now on wait for a later read
            try:
                async with self._db.unit_of_work(readonly=True) as session:
                    future.set_result(await _read(session))
            except Exception as exc:  # every caller waiting gets the failure
                future.set_exception(exc)


async def bump(session: AsyncSession, name: str) -> None:
    """Mark ``name`` as changed; commits (or rolls back) with the change itself."""
    updated = await session.execute(
        sa.update(CacheGeneration).where(CacheGeneration.name == name).values(value=CacheGeneration.value + 1)
    )
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        session.add(CacheGeneration(name=name, value=1))
        await session.flush()
    session.info.setdefault(_DIRTY, set()).add(name)


async def bump_org(session: AsyncSession) -> None:
    """Mark the organisation tree or the plugin switches as changed (commits with the change)."""
    await bump(session, ORG)


class GenerationCache(Generic[T]):
    """One process's copy of shared data labelled ``name``, rebuilt by ``build(session,
    generation)`` when the generation moved.

    A unit of work that changed the data itself gets a fresh build on every call that is
    never kept (its view holds uncommitted state, and it may change the data again after
    reading it); ``generation`` is then -1."""

    def __init__(self, name: str, build: Callable[[AsyncSession, int], Awaitable[T]]) -> None:
        self.name = name
        self._build = build
        self._generation: int | None = None
        self._value: T | None = None

    async def get(self, session: AsyncSession) -> T:
        generation = await current(session, self.name)
        if generation is None:
            return await self._build(session, -1)
        if self._value is None or self._generation != generation:
            self._value, self._generation = await self._build(session, generation), generation
        return self._value
