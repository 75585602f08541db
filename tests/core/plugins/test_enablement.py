"""Per-unit enablement: inherited down the tree, nearest switch wins, cached per process and
refreshed across processes through the generation counter."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import AsyncTestClient
from sqlalchemy import event

from core.models import PluginEnablement
from core.plugins import OrgSnapshot, PluginRuntime, bump_generation, create_plugin_manager
from tests.support import NETWORK, START, enable

CODES = [code for code, *_ in NETWORK]


async def test_a_unit_reports_each_plugin_as_explicit_inherited_or_default(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    assert (await client.get("/api/v1/units/OUT1/plugins", headers=admin)).json()[1] == {
        "plugin": "acme_lounge", "enabled": False, "source": "default", "decided_at": None}
    await client.put("/api/v1/units/BR1/plugins/acme_lounge", json={"enabled": True, "reason": "推广"}, headers=admin)
    states = {s["plugin"]: s for s in (await client.get("/api/v1/units/OUT1/plugins", headers=admin)).json()}
    assert states["acme_lounge"] == {"plugin": "acme_lounge", "enabled": True, "source": "inherited", "decided_at": "BR1"}
    assert states["core"]["source"] == "always"


async def test_only_an_admin_switches_plugins_and_only_within_scope(client: AsyncTestClient, token_for) -> None:
    body = {"enabled": True, "reason": "x"}
    assert (await client.put("/api/v1/units/OUT1/plugins/acme_lounge", json=body,
                             headers=await token_for("outlet_head", "OUT1"))).status_code == 403
    assert (await client.put("/api/v1/units/OUT4/plugins/acme_lounge", json=body,
                             headers=await token_for("admin", "BR1"))).status_code == 403
    unknown = await client.put("/api/v1/units/OUT1/plugins/nope", json=body, headers=await token_for("admin", "HO"))
    assert unknown.status_code == 404 and unknown.json()["plugin"] == "nope"
    core = await client.put("/api/v1/units/OUT1/plugins/core", json=body, headers=await token_for("admin", "HO"))
    assert core.status_code == 409


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(switches=st.dictionaries(st.sampled_from(CODES), st.booleans(), max_size=6))
def test_the_nearest_explicit_switch_up_the_tree_decides(network, switches: dict[str, bool]) -> None:
    units = [u.ref() for u in network.values()]
    snapshot = OrgSnapshot(1, units, {network[c].id: {"p": on} for c, on in switches.items()})
    parents = {code: parent for code, _, _, parent in NETWORK}
    for code in CODES:
        walk: str | None = code
        while walk is not None and walk not in switches:
            walk = parents[walk]
        expected = switches[walk] if walk is not None else False
        assert ("p" in snapshot.enabled_at(network[code].id)) is expected


async def test_a_switch_made_by_one_worker_is_seen_by_another_on_its_next_unit_of_work(db, network) -> None:
    worker_a = PluginRuntime(create_plugin_manager())
    worker_b = PluginRuntime(create_plugin_manager())
    outlet = network["OUT1"].ref()
    async with db.unit_of_work(readonly=True) as session:
        assert not await worker_b.is_enabled(session, "acme_lounge", outlet)
        assert not await worker_a.is_enabled(session, "acme_lounge", outlet)
    await enable(db, "acme_lounge", network["SB1"])
    async with db.unit_of_work(readonly=True) as session:
        assert await worker_b.is_enabled(session, "acme_lounge", outlet)


async def test_many_hook_calls_in_one_unit_of_work_cost_one_generation_query(db, network) -> None:
    runtime = PluginRuntime(create_plugin_manager())
    async with db.unit_of_work(readonly=True) as session:
        await runtime.snapshot(session)  # warm the process cache
    statements: list[str] = []

    def count(conn, cursor, statement, *rest) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with db.unit_of_work(readonly=True) as session:
            for code in CODES * 50:
                await runtime.enabled_at(session, network[code].ref())
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 1 and "cache_generation" in queries[0]


async def test_a_rolled_back_switch_is_never_cached(db, network) -> None:
    runtime = PluginRuntime(create_plugin_manager())
    outlet = network["OUT1"].ref()
    async with db.unit_of_work() as session:
        session.add(PluginEnablement(unit_id=network["HO"].id, plugin="acme_lounge", enabled=True,
                                     changed_at=START, changed_by="test", reason="test"))
        await bump_generation(session)
        assert await runtime.is_enabled(session, "acme_lounge", outlet)
        await session.rollback()
    async with db.unit_of_work(readonly=True) as session:
        assert not await runtime.is_enabled(session, "acme_lounge", outlet)
