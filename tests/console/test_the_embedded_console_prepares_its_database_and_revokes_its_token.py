"""``touchstone console --embedded``: the embedded database is migrated first; an empty one
is offered the demo (refusing leaves nothing to administer); an admin token is issued for the
session, works through the in-process app, and is revoked when the console closes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click
import pytest

from console.api import ApiError
from console.cli import _embedded
from console.connection import Connection
from core.api.app import create_app
from core.cli.runtime import run
from core.cli.serve import revoke_admin_token
from core.config import load_settings
from core.db.engine import Database, create_engine
from core.testing import build_network


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", f"sqlite:///{tmp_path / 'touchstone.db'}")
    return tmp_path


async def who(connection: Connection) -> str:
    async with connection.open() as api:
        try:
            me = await api.me()
        except ApiError as error:
            return f"refused: {error.status}"
        return f"{me.kind}:{','.join(me.roles)}@{me.unit.code}"


def test_an_empty_database_is_migrated_and_refusing_the_demo_stops_there(data_dir: Path) -> None:
    with pytest.raises(click.ClickException, match="nothing to administer yet"):
        _embedded(demo=False)
    assert (data_dir / "touchstone.db").exists()


def test_the_session_token_works_in_process_and_is_revoked_afterwards(data_dir: Path) -> None:
    with pytest.raises(click.ClickException):
        _embedded(demo=False)  # migrates

    async def network() -> None:
        db = Database(create_engine(f"sqlite+aiosqlite:///{data_dir / 'touchstone.db'}"))
        await build_network(db)
        await db.dispose()

    asyncio.run(network())
    token_id, connection = _embedded(demo=None)  # not empty: nothing asked
    assert asyncio.run(who(connection)) == "service:admin@HO"
    run(lambda rt: revoke_admin_token(rt, token_id))
    next_session = Connection.in_process(create_app(load_settings()), connection.token)
    assert asyncio.run(who(next_session)) == "refused: 401"
