"""The programme is discovered like any plugin, migrated under its own version table, adds
the perk-redemption touchpoint and the birthday job; its default standard, imported and
published by head office, then judges every redemption like any other service event."""

from __future__ import annotations

from importlib import metadata

import sqlalchemy as sa

from core import migrate
from core.jobs import available_jobs
from core.plugins import PluginRuntime, create_plugin_manager, describe_plugins
from tests.plugins.vip_benefits.conftest import API, Programme

HOOKS = [
    "client_archived",
    "client_purged",
    "client_tier_changed",
    "client_view_sections",
    "load_demo_data",
    "register_console_client_actions",
    "register_console_panels",
    "register_console_screens",
    "register_jobs",
    "register_migrations",
    "register_permissions",
    "register_routes",
    "register_settings_schema",
    "register_touchpoints",
]


async def test_it_is_discovered_migrated_and_adds_its_touchpoint_and_job(db) -> None:
    runtime = PluginRuntime(create_plugin_manager())
    info = {i.name: i for i in describe_plugins(runtime.pm, None)}["vip_benefits"]
    assert (info.version, info.hooks, info.always_on) == (metadata.version("touchstone"), HOOKS, False)
    assert "vip-birthdays" in available_jobs(runtime)
    locations = migrate.owner_locations([loc for _, loc in runtime.collect("register_migrations")])
    assert (await migrate.pending(db.engine, locations))["vip_benefits"] == []
    async with db.unit_of_work(readonly=True) as session:
        version = (
            (await session.execute(sa.text("SELECT version_num FROM vip_benefits_alembic_version"))).scalars().all()
        )
    assert version == ["c90e143fecdb"]


async def test_its_default_standard_imports_and_then_judges_redemptions(lounge: Programme) -> None:
    office = await lounge.as_("head_office_service")
    catalogue = (await lounge.client.get("/api/v1/touchpoints", headers=office)).json()
    assert [(t["code"], t["owner"]) for t in catalogue if t["code"].startswith("vip_benefits")] == [
        ("vip_benefits.redemption", "vip_benefits")
    ]
    text = (await lounge.client.get(f"{API}/standard.toml", params={"unit": "SB1"}, headers=office)).text
    imported = await lounge.client.post("/api/v1/standards/import", content=text.encode(), headers=office)
    assert imported.status_code == 201, imported.text
    draft = imported.json()
    assert (draft["touchpoint"], draft["status"]) == ("vip_benefits.redemption", "draft")
    assert [c["key"] for c in draft["content"]["controls"]] == ["identity_verified", "wait", "terms_explained"]
    published = await lounge.client.post(
        f"/api/v1/standards/{draft['id']}/publish", json={"reason": "全行推广"}, headers=office
    )
    assert published.status_code == 200
    gold = await lounge.open_client("gold")
    sloppy = await lounge.redeem(gold, measurements={"identity_verified": False, "wait_minutes": 25})
    event = (
        await lounge.client.get(
            f"/api/v1/events/{sloppy.json()['redemption']['event']}", headers=await lounge.as_("admin")
        )
    ).json()
    assert event["outcome"] == "fail" and event["standard_version"] == 1
    assert [(c["key"], c["passed"]) for c in event["evaluation"]] == [
        ("identity_verified", False),
        ("wait", False),
        ("terms_explained", None),
    ]
    raised = (await lounge.client.get("/api/v1/nonconformities", params={"unit": "OUT1"}, headers=office)).json()[
        "items"
    ]
    assert sorted(nc["control_key"] for nc in raised) == ["identity_verified", "wait"]
