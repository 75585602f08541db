"""Each worker process caches which plugins are on where; a switch made through one worker is
seen by every other from its next unit of work, and resolving costs at most one query per
unit of work however many hooks are called."""

from __future__ import annotations

from sqlalchemy import event

from core.clock import FrozenClock
from core.context import HookContext
from core.db.engine import Database
from core.generations import bump_org
from core.models import PluginEnablement
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services import enablement
from core.testing import NETWORK, START
from tests.support import Recorder


def worker(recorder: Recorder) -> PluginRuntime:
    """What one API worker process holds: its own plugin manager and caches."""
    return PluginRuntime(create_plugin_manager(discover=False, plugins=[("recorder", recorder)]))


def context(session, runtime: PluginRuntime, network) -> HookContext:  # type: ignore[no-untyped-def]
    return HookContext(
        session=session, clock=FrozenClock(START), plugins=runtime, principal=system_principal(network["HO"].ref())
    )


async def test_a_switch_made_through_one_worker_is_seen_by_another_on_its_next_unit_of_work(
    db: Database, network
) -> None:
    seen_by_b = Recorder()
    worker_a, worker_b = worker(Recorder()), worker(seen_by_b)
    outlet = network["OUT1"].ref()
    async with db.unit_of_work(readonly=True) as session:
        assert not await worker_a.is_enabled(session, "recorder", outlet)
        assert not await worker_b.is_enabled(session, "recorder", outlet)  # both caches are warm now
    async with db.unit_of_work() as session:
        await enablement.set(context(session, worker_a, network), network["SB1"].ref(), "recorder", True, "开通")
    async with db.unit_of_work(readonly=True) as session:
        assert await worker_b.is_enabled(session, "recorder", outlet)
        await worker_b.call("client_purged", context(session, worker_b, network), outlet, client=None)
    assert seen_by_b.names() == ["client_purged"]
    async with db.unit_of_work() as session:
        await enablement.clear(context(session, worker_b, network), network["SB1"].ref(), "recorder", "关闭")
    async with db.unit_of_work(readonly=True) as session:
        assert not await worker_a.is_enabled(session, "recorder", outlet)


async def test_many_hook_calls_in_one_unit_of_work_cost_at_most_one_query(db: Database, network) -> None:
    recorder = Recorder()
    runtime = worker(recorder)
    async with db.unit_of_work() as session:
        await enablement.set(context(session, runtime, network), network["BR1"].ref(), "recorder", True, "开通")
    async with db.unit_of_work(readonly=True) as session:
        await runtime.snapshot(session)  # the process cache is warm, as in a running worker
    statements: list[str] = []

    def count(conn, cursor, statement, *rest) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with db.unit_of_work(readonly=True) as session:
            ctx = context(session, runtime, network)
            for code, *_ in NETWORK * 30:
                await runtime.call("client_purged", ctx, network[code].ref(), client=None)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) <= 1 and all("cache_generation" in q for q in queries)
    assert len(recorder.calls) == 30 * 6  # BR1 and its five units below it


async def test_a_rolled_back_switch_is_never_cached(db: Database, network) -> None:
    runtime = worker(Recorder())
    outlet = network["OUT1"].ref()
    async with db.unit_of_work() as session:
        session.add(
            PluginEnablement(
                unit_id=network["HO"].id,
                plugin="recorder",
                enabled=True,
                changed_at=START,
                changed_by="test",
                reason="test",
            )
        )
        await bump_org(session)
        assert await runtime.is_enabled(session, "recorder", outlet)
        await session.rollback()
    async with db.unit_of_work(readonly=True) as session:
        assert not await runtime.is_enabled(session, "recorder", outlet)
