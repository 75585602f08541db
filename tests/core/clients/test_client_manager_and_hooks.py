"""Lifecycle hooks reach plugins enabled at the client's unit; a manager change tells the client."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from core.clock import FrozenClock
from core.context import JobContext
from core.db.base import new_public_id
from core.jobs import run_job
from core.models import OutboxRow, Staff
from core.plugins import PluginRuntime, create_plugin_manager
from core.testing import enable
from tests.support import Recorder

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries

NEW = {
    "kind": "retail",
    "name": "周杰",
    "unit": "OUT1",
    "reason": "开户",
    "phone": "13600001234",
    "assets_under_management": "80000",
}


async def _manager(db, network, unit: str = "OUT1", name: str = "刘经理") -> str:
    async with db.unit_of_work() as session:
        staff = Staff(
            public_id=new_public_id("st"),
            employee_no=new_public_id("E"),
            name=name,
            unit_id=network[unit].id,
            roles=["customer_manager"],
            phone="13811112222",
            active=True,
        )
        session.add(staff)
    return staff.public_id


async def test_hooks_fire_only_where_the_plugin_is_enabled(
    recording_client: AsyncTestClient, recorder: Recorder, token_for, db, network
) -> None:
    await enable(db, "recorder", network["SB1"])
    await recording_client.post("/api/v1/clients", json=NEW, headers=await token_for("customer_manager", "OUT1"))
    await recording_client.post(
        "/api/v1/clients", json={**NEW, "unit": "OUT3"}, headers=await token_for("customer_manager", "OUT3")
    )
    created = [call for name, call in recorder.calls if name == "client_created"]
    assert [c["unit"] for c in created] == ["OUT1"]
    assert created[0]["client"].name == "周杰"
    assert created[0]["client"].tier == "silver"


async def test_a_manager_change_fires_its_hook_and_queues_one_notice(
    recording_client: AsyncTestClient, recorder: Recorder, token_for, db, network
) -> None:
    await enable(db, "recorder", network["OUT1"])
    manager = await _manager(db, network)
    cid = (
        await recording_client.post("/api/v1/clients", json=NEW, headers=await token_for("customer_manager", "OUT1"))
    ).json()["id"]
    head = await token_for("outlet_head", "OUT1")
    response = await recording_client.put(
        f"/api/v1/clients/{cid}/manager", json={"staff_id": manager, "reason": "调岗"}, headers=head
    )
    assert response.status_code == 200, response.text
    assert response.json()["manager"]["name"] == "刘经理"
    changed = [call for name, call in recorder.calls if name == "client_manager_changed"]
    assert len(changed) == 1 and changed[0]["new"].name == "刘经理" and changed[0]["old"] is None
    async with db.unit_of_work(readonly=True) as session:
        notices = (
            (await session.execute(sa.select(OutboxRow).where(OutboxRow.topic == "client.manager_changed")))
            .scalars()
            .all()
        )
    assert len(notices) == 1
    assert "刘经理" in notices[0].payload["message"]


async def test_a_manager_must_be_a_customer_manager_serving_the_client(
    client: AsyncTestClient, token_for, db, network
) -> None:
    far_manager = await _manager(db, network, unit="OUT4")
    cid = (await client.post("/api/v1/clients", json=NEW, headers=await token_for("customer_manager", "OUT1"))).json()[
        "id"
    ]
    response = await client.put(
        f"/api/v1/clients/{cid}/manager",
        json={"staff_id": far_manager, "reason": "x"},
        headers=await token_for("admin", "HO"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "manager"


async def test_the_360_view_carries_sections_from_enabled_plugins(
    recording_client: AsyncTestClient, token_for, db, network
) -> None:
    await enable(db, "recorder", network["OUT1"])
    headers = await token_for("customer_manager", "OUT1")
    cid = (await recording_client.post("/api/v1/clients", json=NEW, headers=headers)).json()["id"]
    view = (await recording_client.get(f"/api/v1/clients/{cid}/view", headers=headers)).json()
    assert view["client"]["name"] == "周杰"
    assert view["history"][0]["action"] == "created"
    assert view["sections"] == [
        {
            "key": "recorder",
            "title": "记录",
            "plugin": "recorder",
            "data": {"seen": cid},
            "fields": [{"label": "seen", "text": cid, "kind": "text", "value": cid}],
        }
    ]


async def test_the_purge_job_takes_only_expired_archives_and_is_idempotent(
    recording_client: AsyncTestClient, recorder: Recorder, token_for, db, network, settings, clock: FrozenClock
) -> None:
    await enable(db, "recorder", network["HO"])
    headers = await token_for("customer_manager", "OUT1")
    head = await token_for("outlet_head", "OUT1")
    manager = {"staff_id": await _manager(db, network), "reason": "分配客户经理"}
    old = (await recording_client.post("/api/v1/clients", json=NEW, headers=headers)).json()["id"]
    await recording_client.put(f"/api/v1/clients/{old}/manager", json=manager, headers=head)
    await recording_client.patch(
        f"/api/v1/clients/{old}", json={"reason": "换号", "phone": "13700001111"}, headers=headers
    )
    await recording_client.post(f"/api/v1/clients/{old}/archive", json={"reason": "销户删除"}, headers=headers)
    clock.advance(days=20)
    recent = (await recording_client.post("/api/v1/clients", json={**NEW, "name": "吴敏"}, headers=headers)).json()[
        "id"
    ]
    await recording_client.put(f"/api/v1/clients/{recent}/manager", json=manager, headers=head)
    await recording_client.post(f"/api/v1/clients/{recent}/archive", json={"reason": "删除"}, headers=headers)
    clock.advance(days=11)
    runtime = PluginRuntime(create_plugin_manager(plugins=[("recorder", recorder)]))
    job = JobContext(db=db, plugins=runtime, clock=clock, settings=settings)
    assert await run_job("archive-purge", job) == "archive-purge: 1 clients purged"
    assert await run_job("archive-purge", job) == "archive-purge: 0 clients purged"
    purged = [call["client"] for name, call in recorder.calls if name == "client_purged"]
    assert [c.name for c in purged] == ["周杰"]
    assert (await recording_client.get(f"/api/v1/clients/{old}", headers=headers)).status_code == 404
    assert (await recording_client.get(f"/api/v1/clients/{recent}", headers=headers)).json()["state"] == "archived"
    async with db.unit_of_work(readonly=True) as session:
        row = (
            await session.execute(
                sa.text("SELECT name, phone, id_number, state FROM client WHERE public_id = :p"), {"p": old}
            )
        ).one()
        history = (
            (
                await session.execute(
                    sa.text(
                        "SELECT changes FROM client_history h JOIN client c ON c.id = h.client_id WHERE c.public_id = :p"
                    ),
                    {"p": old},
                )
            )
            .scalars()
            .all()
        )
        notices = (
            await session.execute(
                sa.select(OutboxRow.client, OutboxRow.status, OutboxRow.payload).where(
                    OutboxRow.topic == "client.manager_changed"
                )
            )
        ).all()
    assert tuple(row) == ("已清除", None, None, "purged")
    assert "13700001111" not in str(history) and "13600001234" not in str(history)
    by_client = {c: (status, payload) for c, status, payload in notices}
    assert by_client[old] == ("failed", {"purged": True}), "the purged client's notice lost its data and was dropped"
    assert by_client[recent][0] == "pending" and by_client[recent][1]["phone"] == "13600001234"
    assert dt.timedelta(days=31) == clock.now() - dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
