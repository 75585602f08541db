"""``INSERT … ON CONFLICT`` on either database, the one place the dialect is chosen.

PostgreSQL and SQLite both speak ``ON CONFLICT DO NOTHING / DO UPDATE``, but SQLAlchemy
builds them through each dialect's own ``insert``. Callers ask for :func:`upsert` with the
session they write through and use the statement's ``on_conflict_do_nothing`` or
``on_conflict_do_update`` as on either dialect.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def upsert(session: AsyncSession, table: Any) -> postgresql.Insert | sqlite.Insert:
    """An insert into ``table`` (a model or a Table) for the session's database that can
    take an ``ON CONFLICT`` clause."""
    bind = session.bind
    insert = postgresql.insert if bind is not None and bind.dialect.name == "postgresql" else sqlite.insert
    return insert(table)
