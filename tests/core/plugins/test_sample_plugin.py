"""A third-party plugin installed like any distribution is discovered, migrated, mounted, and
reached by hooks only where it is switched on."""

from __future__ import annotations

import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from core.db import migrate
from core.plugins import PluginRuntime, create_plugin_manager, describe_plugins

PREMIUM = {"kind": "retail", "name": "钱多多", "unit": "OUT1", "reason": "开户", "assets_under_management": "900000"}


def test_the_plugin_is_found_through_its_entry_point_with_its_version_and_hooks() -> None:
    info = {i.name: i for i in describe_plugins(create_plugin_manager(), None)}["acme_lounge"]
    assert info.version == "1.0.0"
    assert info.description.startswith("Airport lounge visits")
    assert {"client_created", "register_routes", "register_migrations"} <= set(info.hooks)
    assert not info.always_on


async def test_its_table_is_migrated_under_its_own_version_table(db) -> None:
    locations = migrate.owner_locations([loc for _, loc in PluginRuntime(create_plugin_manager()).collect("register_migrations")])
    assert [loc.owner for loc in locations] == ["core", "acme_lounge"]
    assert await migrate.pending(db.engine, locations) == {"core": [], "acme_lounge": []}
    async with db.unit_of_work(readonly=True) as session:
        assert (await session.execute(sa.text("SELECT version_num FROM acme_lounge_alembic_version"))).scalar_one() == "a1"
        assert (await session.execute(sa.text("SELECT count(*) FROM acme_lounge_welcome"))).scalar_one() == 0


async def test_its_routes_answer_404_naming_the_plugin_where_it_is_off(client: AsyncTestClient, token_for) -> None:
    response = await client.get("/api/v1/plugins/acme_lounge/welcomes", headers=await token_for("teller", "OUT1"))
    assert response.status_code == 404
    problem = response.json()
    assert problem["type"].endswith("/plugin-disabled")
    assert problem["plugin"] == "acme_lounge" and problem["unit"] == "OUT1"


async def test_switched_on_at_a_sub_branch_it_serves_and_hooks_its_outlets_only(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    switched = await client.put("/api/v1/units/SB1/plugins/acme_lounge", json={"enabled": True, "reason": "试点"}, headers=admin)
    assert switched.status_code == 200, switched.text
    await client.post("/api/v1/clients", json=PREMIUM, headers=await token_for("customer_manager", "OUT1"))
    await client.post("/api/v1/clients", json={**PREMIUM, "unit": "OUT3"}, headers=await token_for("customer_manager", "OUT3"))
    welcomes = await client.get("/api/v1/plugins/acme_lounge/welcomes", headers=await token_for("teller", "OUT1"))
    assert welcomes.status_code == 200
    assert [w["unit"] for w in welcomes.json()] == ["OUT1"]
    elsewhere = await client.get("/api/v1/plugins/acme_lounge/welcomes", headers=await token_for("teller", "OUT3"))
    assert elsewhere.status_code == 404


async def test_switching_it_off_below_an_enabled_branch_stops_its_hooks_there(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await client.put("/api/v1/units/BR1/plugins/acme_lounge", json={"enabled": True, "reason": "全行推广"}, headers=admin)
    await client.put("/api/v1/units/OUT2/plugins/acme_lounge", json={"enabled": False, "reason": "暂不开通"}, headers=admin)
    await client.post("/api/v1/clients", json={**PREMIUM, "unit": "OUT2"}, headers=await token_for("customer_manager", "OUT2"))
    assert (await client.get("/api/v1/plugins/acme_lounge/welcomes", params={"unit": "OUT2"}, headers=admin)).status_code == 404
    await client.delete("/api/v1/units/OUT2/plugins/acme_lounge", params={"reason": "开通"}, headers=admin)
    listing = await client.get("/api/v1/plugins/acme_lounge/welcomes", params={"unit": "OUT2"}, headers=admin)
    assert listing.status_code == 200 and listing.json() == []


async def test_its_async_hook_writes_inside_the_unit_of_work_and_its_view_section_shows(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await client.put("/api/v1/units/HO/plugins/acme_lounge", json={"enabled": True, "reason": "上线"}, headers=admin)
    cm = await token_for("customer_manager", "OUT1")
    cid = (await client.post("/api/v1/clients", json=PREMIUM, headers=cm)).json()["id"]
    view = (await client.get(f"/api/v1/clients/{cid}/view", headers=cm)).json()
    assert view["sections"] == [{"key": "acme_lounge", "title": "机场贵宾厅", "plugin": "acme_lounge",
                                 "data": {"eligible": True, "tier": "gold"}}]
    outbox = (await client.get("/api/v1/outbox", params={"topic": "acme_lounge.welcome"}, headers=admin)).json()["items"]
    assert [m["key"] for m in outbox] == [f"acme-welcome:{cid}"]


async def test_its_touchpoint_joins_the_catalogue_when_the_app_starts(client: AsyncTestClient, token_for) -> None:
    catalogue = (await client.get("/api/v1/touchpoints", headers=await token_for("teller", "OUT1"))).json()
    assert [(t["code"], t["owner"], t["name"]) for t in catalogue] == [("acme_lounge.visit", "acme_lounge", "贵宾厅接待")]
