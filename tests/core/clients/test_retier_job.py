"""Re-tiering re-derives every retail client's tier set-based, records each move, tells
listening plugins only of clients that moved, and moves no one on a second run."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from core.config import Settings
from core.context import JobContext
from core.jobs import run_job
from core.models import Client, ClientHistory
from core.plugins import PluginRuntime, create_plugin_manager
from core.testing import enable
from tests.support import Recorder

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries


async def _clients(client: AsyncTestClient, headers) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ids = {}
    for name, assets in (("甲", "10000"), ("乙", "60000"), ("丙", "700000")):
        body = {"kind": "retail", "name": name, "unit": "OUT1", "reason": "开户", "assets_under_management": assets}
        ids[name] = (await client.post("/api/v1/clients", json=body, headers=headers)).json()["id"]
    return ids


async def _wealth_changes(db) -> None:  # type: ignore[no-untyped-def]
    async with db.unit_of_work() as session:
        await session.execute(
            sa.update(Client).where(Client.name == "甲").values(assets_under_management=Decimal("80000"))
        )
        await session.execute(
            sa.update(Client).where(Client.name == "丙").values(assets_under_management=Decimal("40000"))
        )


async def test_retiering_moves_only_changed_clients_and_twice_is_harmless(
    client: AsyncTestClient, token_for, db, settings: Settings, clock
) -> None:
    ids = await _clients(client, await token_for("customer_manager", "OUT1"))
    await _wealth_changes(db)
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    assert await run_job("retier", job) == "retier: 2 clients changed tier"
    assert await run_job("retier", job) == "retier: 0 clients changed tier"
    async with db.unit_of_work(readonly=True) as session:
        tiers = dict((await session.execute(sa.select(Client.name, Client.tier))).all())
        moves = (
            (await session.execute(sa.select(ClientHistory.changes).where(ClientHistory.action == "tier")))
            .scalars()
            .all()
        )
    assert tiers == {"甲": "silver", "乙": "silver", "丙": "mass"}
    assert sorted(m[0]["after"] for m in moves) == ["mass", "silver"]
    assert ids


async def test_configured_thresholds_are_used(
    client: AsyncTestClient, token_for, db, settings: Settings, clock
) -> None:
    await _clients(client, await token_for("customer_manager", "OUT1"))
    generous = Settings(
        data_dir=settings.data_dir,
        database_url=settings.database_url,
        tiers={"gold": Decimal("50000"), "mass": Decimal("0")},
    )
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=generous)
    assert await run_job("retier", job) == "retier: 1 clients changed tier"  # 乙: silver → gold


async def test_listening_plugins_hear_of_each_move_where_enabled(
    recording_client: AsyncTestClient, recorder: Recorder, token_for, db, network, settings: Settings, clock
) -> None:
    await _clients(recording_client, await token_for("customer_manager", "OUT1"))
    await enable(db, "recorder", network["OUT1"])
    await _wealth_changes(db)
    job = JobContext(
        db=db,
        plugins=PluginRuntime(create_plugin_manager(plugins=[("recorder", recorder)])),
        clock=clock,
        settings=settings,
    )
    assert await run_job("retier", job) == "retier: 2 clients changed tier"
    moves = sorted((c["old"], c["new"]) for name, c in recorder.calls if name == "client_tier_changed")
    assert moves == [("gold", "mass"), ("mass", "silver")]
    assert await run_job("retier", job) == "retier: 0 clients changed tier"
