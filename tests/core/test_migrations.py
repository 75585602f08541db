"""The app refuses to start on an unmigrated database and says which command fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from core.api.app import create_app
from core.config import Settings
from core.errors import DatabaseNotMigrated


async def test_the_api_refuses_to_start_on_an_unmigrated_database(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    refused = pytest.RaisesGroup(pytest.RaisesExc(DatabaseNotMigrated, match="touchstone migrate"),
                                 allow_unwrapped=True, flatten_subgroups=True)
    with refused:
        async with AsyncTestClient(app=create_app(settings)):
            pass
