"""Moving a unit: its subtree's paths are rewritten in one go, the records at its units move
with it, and the move stays in the unit's history."""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import AsyncTestClient

from core.clock import FrozenClock
from core.context import HookContext
from core.errors import TouchstoneError
from core.models import OrgUnit
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services import org
from core.testing import NETWORK, START

MOVABLE = [(code, level) for code, _, level, parent in NETWORK if parent is not None]
PARENTS = {
    level: [code for code, _, lvl, _ in NETWORK if lvl == up]
    for up, level in [("head_office", "branch"), ("branch", "sub_branch"), ("sub_branch", "outlet")]
}


async def test_moving_a_sub_branch_moves_its_outlets_and_their_records(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    cm = await token_for("customer_manager", "OUT3")
    cid = (
        await client.post(
            "/api/v1/clients", json={"kind": "retail", "name": "冯刚", "unit": "OUT3", "reason": "开户"}, headers=cm
        )
    ).json()["id"]
    sid = (
        await client.post(
            "/api/v1/staff",
            json={"employee_no": "E77", "name": "钱七", "unit": "OUT3", "roles": ["teller"], "reason": "入职"},
            headers=admin,
        )
    ).json()["id"]
    moved = await client.post("/api/v1/units/SB2/move", json={"parent": "BR2", "reason": "区域调整"}, headers=admin)
    assert moved.status_code == 200, moved.text
    assert moved.json()["path"] == ["HO", "BR2", "SB2"] and moved.json()["parent"] == "BR2"
    assert (await client.get("/api/v1/units/OUT3", headers=admin)).json()["path"] == ["HO", "BR2", "SB2", "OUT3"]
    assert (await client.get("/api/v1/units/OUT1", headers=admin)).json()["path"] == ["HO", "BR1", "SB1", "OUT1"]
    assert (await client.get("/api/v1/units/BR1", headers=admin)).json()["children"] == 1
    shanghai, beijing = await token_for("branch_service", "BR2"), await token_for("branch_service", "BR1")
    assert (await client.get(f"/api/v1/clients/{cid}", headers=shanghai)).status_code == 200
    assert (await client.get(f"/api/v1/clients/{cid}", headers=beijing)).status_code == 404
    assert (await client.get(f"/api/v1/staff/{sid}", headers=shanghai)).json()["unit"]["code"] == "OUT3"
    assert (await client.get(f"/api/v1/staff/{sid}", headers=beijing)).status_code == 404
    assert (await client.get("/api/v1/units/OUT3", headers=await token_for("teller", "BR1"))).status_code == 403


async def test_a_move_is_audited_with_the_old_and_new_place(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await client.post("/api/v1/units/OUT2/move", json={"parent": "SB2", "reason": "就近管理"}, headers=admin)
    entry = (
        await client.get("/api/v1/audit", params={"entity": "org_unit", "entity_id": "OUT2"}, headers=admin)
    ).json()["items"][0]
    assert (entry["action"], entry["reason"]) == ("move", "就近管理")
    assert entry["before"] == {"parent": "SB1", "path": ["HO", "BR1", "SB1", "OUT2"]}
    assert entry["after"] == {"parent": "SB2", "path": ["HO", "BR1", "SB2", "OUT2"]}


async def test_moves_that_break_the_tree_are_refused(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    for code, parent, status in [
        ("SB1", "OUT1", 422),
        ("OUT1", "BR2", 422),
        ("SB1", "SB2", 422),
        ("SB1", "BR1", 422),
        ("HO", "BR1", 409),
        ("NOPE", "BR1", 404),
        ("SB1", "NOPE", 404),
    ]:
        response = await client.post(
            f"/api/v1/units/{code}/move", json={"parent": parent, "reason": "x"}, headers=admin
        )
        assert response.status_code == status, (code, parent, response.text)
    assert (await client.get("/api/v1/units/SB1/history", headers=admin)).json()["items"] == []


async def test_a_regional_admin_moves_only_within_its_subtree(client: AsyncTestClient, token_for) -> None:
    regional = await token_for("admin", "BR1")
    away = await client.post("/api/v1/units/SB1/move", json={"parent": "BR2", "reason": "x"}, headers=regional)
    assert away.status_code == 403 and away.json()["type"].endswith("/out-of-scope")
    foreign = await client.post("/api/v1/units/SB3/move", json={"parent": "BR1", "reason": "x"}, headers=regional)
    assert foreign.status_code == 403
    inside = await client.post("/api/v1/units/OUT2/move", json={"parent": "SB2", "reason": "调整"}, headers=regional)
    assert inside.status_code == 200


async def test_another_worker_sees_the_moved_tree_on_its_next_unit_of_work(db, network, clock: FrozenClock) -> None:
    worker_a, worker_b = PluginRuntime(create_plugin_manager()), PluginRuntime(create_plugin_manager())
    async with db.unit_of_work(readonly=True) as session:
        assert (await worker_b.snapshot(session)).by_code["OUT3"].path.startswith(network["BR1"].path)
    async with db.unit_of_work() as session:
        ctx = HookContext(
            session=session, clock=clock, plugins=worker_a, principal=system_principal(network["HO"].ref())
        )
        await org.move(ctx, "SB2", "BR2", "区域调整")
        assert (await worker_a.snapshot(session)).by_code["OUT3"].path.startswith(network["BR2"].path)
    async with db.unit_of_work(readonly=True) as session:
        assert (await worker_b.snapshot(session)).by_code["OUT3"].path.startswith(network["BR2"].path)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.sampled_from(MOVABLE), st.integers(min_value=0, max_value=2)), max_size=6))
async def test_after_any_sequence_of_moves_every_path_is_its_parents_path_plus_its_id(db, network, moves) -> None:
    async with db.unit_of_work() as session:
        ctx = HookContext(
            session=session,
            clock=FrozenClock(START),
            plugins=PluginRuntime(create_plugin_manager()),
            principal=system_principal(network["HO"].ref()),
        )
        for (code, level), choice in moves:
            parents = PARENTS[level]
            try:
                await org.move(ctx, code, parents[choice % len(parents)], "随机调整")
            except TouchstoneError:
                pass  # already there: refused, nothing written
        rows = {
            u.id: (u.parent_id, u.path)
            for u in (await session.execute(sa.select(OrgUnit).execution_options(populate_existing=True))).scalars()
        }
        snapshot = await ctx.plugins.snapshot(session)
        for unit_id, (parent_id, path) in rows.items():
            assert path == (rows[parent_id][1] if parent_id else "/") + f"{unit_id}/"
            assert snapshot.units[unit_id].path == path
        await session.rollback()


async def test_staff_at_a_moved_unit_keep_their_scope_at_once(client: AsyncTestClient, token_for) -> None:
    at_outlet = await token_for("customer_manager", "OUT3")
    assert (await client.get("/api/v1/units/OUT3", headers=at_outlet)).status_code == 200
    moved = await client.post(
        "/api/v1/units/SB2/move", json={"parent": "BR2", "reason": "区域调整"}, headers=await token_for("admin", "HO")
    )
    assert moved.status_code == 200
    assert (await client.get("/api/v1/units/OUT3", headers=at_outlet)).json()["path"] == ["HO", "BR2", "SB2", "OUT3"]
