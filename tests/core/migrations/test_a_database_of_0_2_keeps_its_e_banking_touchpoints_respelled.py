"""A database made by 0.2 (core at revision 0004) upgrades and keeps its e-banking
touchpoints and events, respelled ``e_banking`` as every enum value is now; the check
constraint then holds the new spelling."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import IntegrityError

from core.db.engine import create_engine
from core.migrate import CORE_MIGRATIONS, alembic_config, upgrade

TOUCHPOINT = sa.text(
    "INSERT INTO touchpoint (code, name, channel, description, owner, created_at) "
    "VALUES ('mobile_app', '手机银行', :channel, '', 'bank', CURRENT_TIMESTAMP)"
)


async def test_e_banking_touchpoints_are_respelled_and_kept(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(lambda c: command.upgrade(alembic_config(CORE_MIGRATIONS, c), "0004"))
            await conn.execute(TOUCHPOINT, {"channel": "e-banking"})

        await upgrade(engine, [CORE_MIGRATIONS])

        async with engine.begin() as conn:
            rows = (await conn.execute(sa.text("SELECT code, name, channel FROM touchpoint"))).all()
        assert [tuple(r) for r in rows] == [("mobile_app", "手机银行", "e_banking")]
        with pytest.raises(IntegrityError):
            async with engine.begin() as conn:
                await conn.execute(sa.text("UPDATE touchpoint SET channel = 'e-banking'"))
    finally:
        await engine.dispose()
