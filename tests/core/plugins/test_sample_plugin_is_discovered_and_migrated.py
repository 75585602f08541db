"""A third-party plugin installed like any distribution is found through its entry point and
migrated under a version table of its own, which can be removed without touching the core's."""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import command

from core import migrate
from core.plugins import (
    PluginRuntime,
    create_plugin_manager,
    describe_plugins,
    distribution_facts,
)

HOOKS = [
    "client_created",
    "client_purged",
    "client_view_sections",
    "register_console_panels",
    "register_console_screens",
    "register_delivery_channels",
    "register_migrations",
    "register_permissions",
    "register_routes",
    "register_settings_schema",
    "register_touchpoints",
]


def locations() -> list:  # type: ignore[type-arg]
    return migrate.owner_locations(
        [loc for _, loc in PluginRuntime(create_plugin_manager()).collect("register_migrations")]
    )


def test_it_is_found_through_its_entry_point_with_its_version_and_hooks() -> None:
    pm = create_plugin_manager()
    assert pm.get_plugin("acme_lounge") is importlib.import_module("acme_lounge")
    info = {i.name: i for i in describe_plugins(pm, None)}["acme_lounge"]
    assert (info.version, info.hooks, info.always_on) == ("1.0.0", HOOKS, False)
    assert info.description.startswith("Airport lounge visits")


def test_it_is_listed_from_distribution_metadata_alone() -> None:
    version, summary = distribution_facts()["acme_lounge"]
    assert version == "1.0.0" and "sample third-party" in summary


def test_a_blocked_plugin_is_not_loaded() -> None:
    assert create_plugin_manager(blocked=["acme_lounge"]).get_plugin("acme_lounge") is None


async def test_its_table_is_migrated_under_its_own_version_table_and_nothing_is_pending(db) -> None:
    owners = [(loc.owner, loc.table_prefix) for loc in locations()]
    assert owners[0] == ("core", "") and ("acme_lounge", "acme_lounge_") in owners
    assert all(revisions == [] for revisions in (await migrate.pending(db.engine, locations())).values())
    async with db.unit_of_work(readonly=True) as session:
        version = (
            (await session.execute(sa.text("SELECT version_num FROM acme_lounge_alembic_version"))).scalars().all()
        )
        core_versions = (await session.execute(sa.text("SELECT version_num FROM core_alembic_version"))).scalars().all()
        rows = (await session.execute(sa.text("SELECT count(*) FROM acme_lounge_visit"))).scalar_one()
    assert version == ["df69ad2381d2"] and "df69ad2381d2" not in core_versions and rows == 0


async def test_removing_it_drops_its_table_and_leaves_the_core_up_to_date(db) -> None:
    core, plugin = (next(loc for loc in locations() if loc.owner == owner) for owner in ("core", "acme_lounge"))
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(migrate.alembic_config(plugin, c), "base"))
    async with db.engine.connect() as conn:
        tables = await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
    assert "acme_lounge_visit" not in tables
    assert await migrate.pending(db.engine, [core, plugin]) == {
        "core": [],
        "acme_lounge": ["df69ad2381d2 acme_lounge: the visit ledger"],
    }
