"""The demo loads only into an empty database: a second load is refused with a message that
says why, and writes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.clock import FrozenClock
from core.db.engine import Database
from core.demo import load_network
from core.errors import Conflict
from core.models import AuditEntry, Client, OrgUnit, Staff


async def counts(db: Database) -> list[int]:
    async with db.unit_of_work(readonly=True) as session:
        return [
            await session.scalar(sa.select(sa.func.count()).select_from(model))  # type: ignore[misc]
            for model in (OrgUnit, Staff, Client, AuditEntry)
        ]


async def test_loading_the_demo_twice_is_refused_and_changes_nothing(db: Database, clock: FrozenClock) -> None:
    await load_network(db, clock, clients=50)
    before = await counts(db)
    with pytest.raises(Conflict, match="已有机构数据"):
        await load_network(db, clock, clients=50)
    assert await counts(db) == before


async def test_a_database_with_any_unit_is_refused(db: Database, clock: FrozenClock) -> None:
    async with db.unit_of_work() as session:
        session.add(OrgUnit(code="X", name="某银行", level="head_office", path="/1/"))
    with pytest.raises(Conflict):
        await load_network(db, clock, clients=10)
    assert (await counts(db))[1:] == [0, 0, 0]
