"""Fixtures for the complaints screens' tests: the console's own (:mod:`tests.console.support`,
on SQLite only, for the reason given there), complaints filed through the console's API
client, and, for the snapshots, the demo network with the plugin's part of the demo."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from console.api import ApiClient
from core.clock import FrozenClock
from core.config import Settings
from core.db.engine import Database, create_engine
from core.demo import loader as demo_loader
from core.testing import START, load_demo
from plugins.complaints import extensions as complaint_extensions
from plugins.complaints import intake
from plugins.complaints.schemas import IntakeIn, OrderOut
from tests.console.support import (  # noqa: F401  (fixtures)
    DEMO_CLIENTS,
    console_for,
    counting_ids,
    demo_console,
    extensions,
    home,
    keep_sqlite_half,
    settle,
)
from tests.plugins.complaints.conftest import COMPLAINT

HERE = Path(__file__).parent
BASE = "/plugins/complaints"
Filer = Callable[..., Awaitable[OrderOut]]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep_sqlite_half(config, items, HERE)


async def file(api: ApiClient, unit: str = "OUT1", **changes: Any) -> OrderOut:
    """A complaint about ``unit`` taken in through the API (as the console's user)."""
    return await api.post(
        f"{BASE}/units/{unit}/complaints", OrderOut, msgspec.convert({**COMPLAINT, **changes}, IntakeIn)
    )


async def open_queue_with_two_orders(console: Any, pilot: Any) -> tuple[OrderOut, OrderOut]:
    """Switch the plugin on for the network, file two orders at OUT1 and open its queue there."""
    await settle(pilot)
    await console.api.switch_plugin("HO", "complaints", True, "全行投诉管理上线")
    orders = await file(console.api), await file(console.api)
    await console.choose("OUT1")
    await settle(pilot)
    console.open_plugin_screen(console.plugin_screens()[0])
    await settle(pilot)
    return orders


async def act(api: ApiClient, unit: str, order_id: str, action: str, body: Any = None) -> OrderOut:
    return await api.post(f"{BASE}/units/{unit}/complaints/{order_id}/{action}", OrderOut, body or {})


@pytest.fixture(scope="session")
def demo_database(backend: str, template: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Here, the demo network (seeded, without its service history) with the plugin's part of
    the demo, loaded once per run at the frozen start time with ids numbered in order, and an
    admin token: what ``demo_console`` opens on."""
    assert backend == "sqlite", "console tests run on SQLite only"
    path = tmp_path_factory.mktemp("complaints-demo") / "demo.db"
    shutil.copyfile(template, path)

    async def load() -> str:
        settings = Settings(data_dir=path.parent, database_url=f"sqlite+aiosqlite:///{path}")
        db = Database(create_engine(settings.database_url))
        try:
            return (
                await load_demo(db, FrozenClock(START), settings, clients=DEMO_CLIENTS, plugins=["complaints"])
            ).token
        finally:
            await db.dispose()

    with pytest.MonkeyPatch.context() as patch:
        ids = counting_ids()
        for module in (demo_loader, intake, complaint_extensions):
            patch.setattr(module, "new_public_id", ids)
        return path, asyncio.run(load())
