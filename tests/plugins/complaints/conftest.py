"""Fixtures for the complaints plugin's tests: the plugin switched on, complaints filed
through the API, and the SLA sweep run as the job runner would run it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from core.clock import FrozenClock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database
from core.jobs import run_job
from core.models import OrgUnit
from core.plugins import PluginRuntime, create_plugin_manager
from core.testing import enable

BASE = "/api/v1/plugins/complaints"
COMPLAINT = {
    "channel": "counter",
    "category": "waiting_time",
    "severity": "medium",
    "content": "排队等了一个多小时，无人引导",
    "contact": {"name": "王女士", "phone": "13900001111"},
}
Filer = Callable[..., Awaitable[dict[str, Any]]]


def orders(unit: str) -> str:
    return f"{BASE}/units/{unit}/complaints"


def order(unit: str, order_id: str, action: str = "") -> str:
    return f"{orders(unit)}/{order_id}" + (f"/{action}" if action else "")


@pytest.fixture
async def complaints_on(db: Database, network: dict[str, OrgUnit]) -> None:
    """The plugin on for the whole network."""
    await enable(db, "complaints", network["HO"])


@pytest.fixture
def file(client: AsyncTestClient, token_for) -> Filer:  # type: ignore[no-untyped-def]
    """``await file(unit="OUT1", **changes)`` → the new order (a lobby manager of the unit files it)."""

    async def filing(unit: str = "OUT1", headers: dict[str, str] | None = None, **changes: Any) -> dict[str, Any]:
        response = await client.post(
            orders(unit), json={**COMPLAINT, **changes}, headers=headers or await token_for("lobby_manager", unit)
        )
        assert response.status_code == 201, response.text
        return response.json()

    return filing


@pytest.fixture
def sweep(db: Database, clock: FrozenClock, settings: Settings) -> Callable[[], Awaitable[str]]:
    """Run ``complaints-sla`` through the job runner (with its lock)."""

    async def run() -> str:
        job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
        return await run_job("complaints-sla", job)

    return run
