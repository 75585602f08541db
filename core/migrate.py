"""Alembic, one environment per owner (the core and each plugin), CKAN-style.

Every owner keeps its revisions in its own folder and its own version table
(``<owner>_alembic_version``), and autogenerate sees only the owner's tables. The core is
upgraded first, then every installed plugin that registers a location; installing or
removing a plugin never leaves a foreign revision in anyone's version table.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from core.db.base import Base
from core.db.engine import create_engine
from core.errors import DatabaseNotMigrated
from core.types import MigrationsLocation

CORE_MIGRATIONS = MigrationsLocation(
    owner="core", path=Path(__file__).parent / "db" / "migrations", table_prefix=""
)
logging.getLogger("alembic").setLevel(logging.WARNING)  # our own progress output says enough
FILE_TEMPLATE = "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s"


def version_table(location: MigrationsLocation) -> str:
    return f"{location.owner}_alembic_version"


def alembic_config(location: MigrationsLocation, connection: Connection | None = None) -> Config:
    """An Alembic config for one owner; ``connection`` is what ``env.py`` migrates."""
    config = Config()
    config.set_main_option("script_location", str(location.path))
    config.set_main_option("file_template", FILE_TEMPLATE)
    config.attributes["location"] = location
    config.attributes["connection"] = connection
    return config


def owned_objects(location: MigrationsLocation) -> Callable[..., bool]:
    """Autogenerate filter: only the owner's tables, never another owner's version table."""
    from core.models import CORE_TABLES

    def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        if type_ != "table":
            return True
        if name.endswith("_alembic_version"):
            return False
        if location.owner == CORE_MIGRATIONS.owner:
            return name in CORE_TABLES
        return bool(name and name.startswith(location.table_prefix))

    return include_object


def run_env() -> None:
    """The body of every owner's ``env.py``: migrate the connection handed in."""
    config = context.config
    location: MigrationsLocation = config.attributes["location"]
    connection: Connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=version_table(location),
        include_object=owned_objects(location),
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _heads(location: MigrationsLocation) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(location)).get_heads())


def _current(connection: Connection, location: MigrationsLocation) -> set[str]:
    migration = MigrationContext.configure(connection, opts={"version_table": version_table(location)})
    return set(migration.get_current_heads())


def _pending_revisions(connection: Connection, location: MigrationsLocation) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(location))
    current = _current(connection, location)
    pending = []
    for head in script.get_heads():
        for revision in script.iterate_revisions(head, "base"):
            if revision.revision in current:
                break
            pending.append(f"{revision.revision} {revision.doc or ''}".strip())
    return list(reversed(pending))


async def pending(engine: AsyncEngine, locations: list[MigrationsLocation]) -> dict[str, list[str]]:
    """Owner → revisions not yet applied, oldest first (empty lists when up to date)."""
    async with engine.connect() as conn:
        return {loc.owner: await conn.run_sync(_pending_revisions, loc) for loc in locations}


async def upgrade(
    engine: AsyncEngine, locations: list[MigrationsLocation], progress: Callable[[str], None] = lambda _: None
) -> None:
    """Upgrade every owner to its head, the core first; each owner in its own transaction."""
    for location in locations:
        progress(location.owner)
        async with engine.begin() as conn:
            await conn.run_sync(lambda c, loc=location: command.upgrade(alembic_config(loc, c), "heads"))


async def ensure_migrated(engine: AsyncEngine, locations: list[MigrationsLocation]) -> None:
    """Refuse to go on when any owner's schema is behind its code."""
    behind = {owner: revs for owner, revs in (await pending(engine, locations)).items() if revs}
    if behind:
        owners = ", ".join(f"{owner} ({len(revs)} pending)" for owner, revs in behind.items())
        raise DatabaseNotMigrated(
            f"the database is not migrated: {owners}. Run `touchstone migrate` to bring it up to date."
        )


async def tables_created(location: MigrationsLocation, database: Path) -> set[str]:
    """The tables ``location``'s migrations create when they alone upgrade the SQLite file
    ``database`` (version tables aside): what ``touchstone plugin check`` compares with the
    tables the owner may have."""
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        async with engine.connect() as conn:
            before = set(await conn.run_sync(lambda c: sa.inspect(c).get_table_names()))
        await upgrade(engine, [location])
        async with engine.connect() as conn:
            after = set(await conn.run_sync(lambda c: sa.inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    return {table for table in after - before if not table.endswith("_alembic_version")}


def owner_locations(collected: list[MigrationsLocation]) -> list[MigrationsLocation]:
    """The core first, then plugins in name order, each owner once."""
    plugins = sorted({loc.owner: loc for loc in collected if loc.owner != CORE_MIGRATIONS.owner}.values(),
                     key=lambda loc: loc.owner)
    return [CORE_MIGRATIONS, *plugins]
