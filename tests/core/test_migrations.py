"""The app refuses to start on an unmigrated database and says which command fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from litestar.testing import AsyncTestClient

from core import migrate as migrations
from core.api.app import create_app
from core.config import Settings
from core.db.base import Base
from core.errors import DatabaseNotMigrated


async def test_the_api_refuses_to_start_on_an_unmigrated_database(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    refused = pytest.RaisesGroup(
        pytest.RaisesExc(DatabaseNotMigrated, match="touchstone migrate"), allow_unwrapped=True, flatten_subgroups=True
    )
    with refused:
        async with AsyncTestClient(app=create_app(settings)):
            pass


async def test_every_owners_migrations_create_exactly_what_its_models_declare(db, plugins) -> None:
    """Autogenerate, run against the migrated database, finds nothing to add: the core's and
    each installed plugin's revisions match their models (the owner's filter decides what
    each one sees)."""
    locations = migrations.owner_locations([loc for _, loc in plugins.collect("register_migrations")])

    def diffs(connection: sa.Connection) -> dict[str, list[object]]:
        found = {}
        for location in locations:
            owns = migrations.owned_objects(location)
            context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": owns})
            found[location.owner] = compare_metadata(context, Base.metadata)
        return found

    async with db.engine.connect() as conn:
        assert await conn.run_sync(diffs) == {location.owner: [] for location in locations}
