"""A database of the version that moved deadlines only off holidays, upgraded: its orders are
marked as counted by that first rule, and the next SLA sweep re-dates the open ones under the
rule in force before it escalates anything, so no order is escalated on the Saturday its old
due date fell on. Closed orders keep the deadlines they were judged against."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command
from litestar.testing import AsyncTestClient

from core import migrate as migrations
from core.db.engine import Database
from core.plugins import PluginRuntime
from plugins.complaints.models import WorkOrder
from tests.plugins.complaints.conftest import order

pytestmark = pytest.mark.usefixtures("english")  # compares the English text of a rule or a job's summary

LANDED = "c0a1e4d2b7f3"  # the plugin's revision before orders recorded their counting rule
OLD_DECISION_DUE = dt.datetime(2026, 12, 5, 16, 0, tzinfo=dt.UTC)  # Saturday 5 December ends: only holidays moved
DECISION_DUE = dt.datetime(2026, 12, 7, 16, 0, tzinfo=dt.UTC)  # the rest day moves it to the end of Monday


async def stored(db: Database, public_id: str) -> tuple[dt.datetime, dt.datetime | None, int]:
    async with db.engine.connect() as conn:
        row = (
            await conn.execute(
                sa.select(WorkOrder.decision_due_at, WorkOrder.next_due_at, WorkOrder.counting_rule).where(
                    WorkOrder.public_id == public_id
                )
            )
        ).one()
    return row.decision_due_at, row.next_due_at, row.counting_rule


async def as_the_landed_version_left_it(db: Database, plugins: PluginRuntime, open_id: str, closed_id: str) -> None:
    """Back to the landed revision, the decision due dates as that version counted them, then
    ``touchstone migrate``'s upgrade."""
    locations = migrations.owner_locations([loc for _, loc in plugins.collect("register_migrations")])
    (complaints,) = [loc for loc in locations if loc.owner == "complaints"]
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(migrations.alembic_config(complaints, c), LANDED))
        for public_id, next_due in ((open_id, OLD_DECISION_DUE), (closed_id, None)):
            await conn.execute(
                sa.update(WorkOrder.__table__)
                .where(WorkOrder.public_id == public_id)
                .values(decision_due_at=OLD_DECISION_DUE, next_due_at=next_due)
            )
    await migrations.upgrade(db.engine, locations)


async def test_the_first_sweep_redates_open_orders_then_escalates_on_the_new_dates(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock, db, plugins
) -> None:
    head = await token_for("outlet_head", "OUT1")
    open_id, closed_id = (await file("OUT1"))["summary"]["id"], (await file("OUT1"))["summary"]["id"]
    for oid, actions in ((open_id, ("acknowledge",)), (closed_id, ("acknowledge", "investigate"))):
        for action in actions:
            assert (await client.post(order("OUT1", oid, action), json={}, headers=head)).status_code == 200
    await client.post(
        order("OUT1", closed_id, "resolve"),
        headers=head,
        json={"resolution": "已处理", "justified": False, "apology_given": False},
    )
    for action in ("reply", "close"):
        assert (await client.post(order("OUT1", closed_id, action), json={}, headers=head)).status_code == 200

    await as_the_landed_version_left_it(db, plugins, open_id, closed_id)
    assert await stored(db, open_id) == (OLD_DECISION_DUE, OLD_DECISION_DUE, 1)
    assert await stored(db, closed_id) == (OLD_DECISION_DUE, None, 1)

    clock.set(dt.datetime(2026, 12, 6, 2, 0, tzinfo=dt.UTC))  # Sunday: past the old due date, before the new
    assert await sweep() == (
        "complaints-sla: 0 escalations (0 first contact, 0 decision); "
        "1 open orders re-dated under the counting rule in force"
    )
    assert await stored(db, open_id) == (DECISION_DUE, DECISION_DUE, 2)
    assert await stored(db, closed_id) == (OLD_DECISION_DUE, None, 1)
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"

    clock.set(dt.datetime(2026, 12, 8, 1, 0, tzinfo=dt.UTC))  # Tuesday morning: the decision is overdue now
    assert await sweep() == "complaints-sla: 1 escalations (0 first contact, 1 decision)"
