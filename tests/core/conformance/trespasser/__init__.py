"""A plugin whose migrations create tables in the wrong places: one of another plugin's, one
without any prefix, while a table of its own models is created by none of them (the fixture of
rule ``migration-history``; registered by hand, never installed)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Mapped, mapped_column

from core.sdk import Base, MigrationsLocation, hookimpl


class Ghost(Base):
    __tablename__ = "trespasser_ghost"
    id: Mapped[int] = mapped_column(primary_key=True)


@hookimpl
def register_migrations() -> MigrationsLocation:
    return MigrationsLocation(owner="trespasser", path=Path(__file__).parent / "migrations", table_prefix="trespasser_")
