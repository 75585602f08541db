"""Group commit for single service events: several callers' events, one transaction.

A request that records one event hands it to the process's :class:`EventCommitter` and waits.
The committer takes everything queued so far, records it in one unit of work (each item
checked against, recorded by and announced as its own caller) and commits; only then does
each waiting request get its answer. So an answer still means the event is durable, but N
concurrent requests cost one commit instead of N. If the shared transaction fails (a plugin's
hook raising, say), each item is retried alone, so one bad event never fails its neighbours.
"""

from __future__ import annotations

import asyncio

from core.clock import Clock
from core.config import Settings
from core.context import HookContext
from core.db.engine import Database
from core.plugins import PluginRuntime
from core.principal import Principal
from core.services import events
from core.services.events import Accepted, EventIn, Rejected

MAX_GROUP = 256
Answer = Accepted | Rejected
Entry = tuple[Principal, EventIn, "asyncio.Future[Answer]"]


class EventCommitter:
    """One per process (the app's state); all methods run on the app's event loop."""

    def __init__(self, db: Database, plugins: PluginRuntime, clock: Clock, settings: Settings) -> None:
        self._db, self._plugins, self._clock, self._settings = db, plugins, clock, settings
        self._queue: list[Entry] = []
        self._worker: asyncio.Task[None] | None = None

    async def record(self, principal: Principal, item: EventIn) -> Answer:
        """Record one event as part of the next group; returns once it is committed."""
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._queue.append((principal, item, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        await asyncio.sleep(0)  # let requests that are ready now join the first group
        while self._queue:
            group, self._queue = self._queue[:MAX_GROUP], self._queue[MAX_GROUP:]
            try:
                answers = await self._commit(group)
            except Exception:  # the shared transaction failed: give each event its own chance
                for entry in group:
                    await self._commit_alone(entry)
                continue
            for (_, _, future), answer in zip(group, answers, strict=True):
                if not future.done():
                    future.set_result(answer)

    async def _commit(self, group: list[Entry]) -> list[Answer]:
        async with self._db.unit_of_work() as session:
            ctx = HookContext(
                session=session,
                clock=self._clock,
                plugins=self._plugins,
                principal=group[0][0],
                settings=self._settings,
            )
            accepted, rejected = await events.record(
                ctx, [item for _, item, _ in group], [principal for principal, _, _ in group]
            )
        by_index: dict[int, Answer] = {a.index: a for a in accepted} | {r.index: r for r in rejected}
        return [by_index[i] for i in range(len(group))]

    async def _commit_alone(self, entry: Entry) -> None:
        future = entry[2]
        try:
            answer = (await self._commit([entry]))[0]
        except Exception as exc:  # this event's own failure reaches its own caller only
            if not future.done():
                future.set_exception(exc)
            return
        if not future.done():
            future.set_result(answer)
