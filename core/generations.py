"""Generation counters: how per-process caches learn that shared data changed.

A cache (the organisation tree with plugin switches, the standards in force) is labelled
with the generation it was built from. Whoever changes the underlying rows bumps the
generation in the same transaction. Each unit of work reads all counters once, in one
query, the first time a cache asks, so a cache costs at most one small round trip per unit
of work and none per lookup, and a change made through one worker process is seen by every
other from its next unit of work on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

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
        rows = await session.execute(sa.select(CacheGeneration.name, CacheGeneration.value))
        seen = session.info[_SEEN] = {name: value for name, value in rows}
    return seen.get(name, 0)


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
