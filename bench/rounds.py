"""A report timed beside its bare query: both run in the same rounds, the first round warming
the caches for both, and the better of two counts, so a noisy neighbour spoils neither alone."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import sqlalchemy as sa

from bench.figures import fresh_peak
from core.clock import Clock
from core.context import HookContext
from core.db.engine import Database
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.types import UnitRef

Report = Callable[[HookContext, UnitRef], Awaitable[Sequence[Any]]]


async def against_bare(
    db: Database, produce: Report, bare_query: sa.Select[Any]
) -> tuple[float, float, Sequence[Any], Sequence[Any]]:
    """Seconds for ``produce`` (asked as head office's system principal) and for ``bare_query``,
    with what each returned: ``(ours, plain, rows, bare)``; the process's peak memory starts
    anew here, so it is the report's."""
    fresh_peak()
    runtime = PluginRuntime(create_plugin_manager())
    ours = plain = float("inf")
    rows: Sequence[Any] = ()
    bare: Sequence[Any] = ()
    for _ in range(2):
        async with db.unit_of_work(readonly=True) as session:
            head = (await runtime.snapshot(session)).by_code["HO"]
            ctx = HookContext(session=session, clock=Clock(), plugins=runtime, principal=system_principal(head))
            started = time.perf_counter()
            rows = await produce(ctx, head)
            ours = min(ours, time.perf_counter() - started)
        async with db.engine.connect() as conn:
            started = time.perf_counter()
            bare = (await conn.execute(bare_query)).all()
            plain = min(plain, time.perf_counter() - started)
    return ours, plain, rows, bare
