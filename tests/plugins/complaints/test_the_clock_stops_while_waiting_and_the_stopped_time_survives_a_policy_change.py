"""While an order waits for the client the SLA clock stands still (its countdown frozen, the
sweep passing it by), and the time it stood still moves the decision deadline. A policy that
stops doing so keeps the time already stopped; a later change of the period keeps it too."""

from __future__ import annotations

import datetime as dt

import pytest
from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import order, orders

pytestmark = pytest.mark.usefixtures("english")  # compares the English text of a rule or a job's summary

POLICY = "/api/v1/plugins/complaints/units/HO/policies/waiting_time/medium"
DAY = 86400


async def decision(client: AsyncTestClient, headers: dict[str, str], oid: str) -> tuple[str, str, int]:
    body = (await client.get(order("OUT1", oid), headers=headers)).json()
    deadline = body["deadlines"][-1]
    return deadline["due_at"], deadline["status"], body["paused_seconds"]


async def test_waiting_stops_the_clock_and_a_policy_change_keeps_what_it_stopped(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock
) -> None:
    oid = (await file("OUT1"))["summary"]["id"]
    head, admin = await token_for("outlet_head", "OUT1"), await token_for("admin", "HO")

    async def step(action: str) -> None:
        assert (await client.post(order("OUT1", oid, action), json={"note": action}, headers=head)).status_code == 200

    for action in ("acknowledge", "investigate"):
        await step(action)
    clock.advance(days=1)
    await step("wait")
    queued = (await client.get(orders("OUT1"), headers=head)).json()["items"][0]["next_deadline"]
    assert queued == {
        "key": "decision",
        "due_at": "2026-12-07T16:00:00Z",
        "seconds_left": 16 * DAY + 7 * 3600,
        "paused": True,
    }
    clock.advance(days=3)
    await step("resume")
    assert await decision(client, head, oid) == ("2026-12-10T16:00:00Z", "pending", 3 * DAY)

    clock.set(dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    await step("wait")
    clock.advance(days=20)  # far past every deadline, but the clock stands still
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"
    assert (await decision(client, head, oid))[1] == "paused"
    changed = await client.put(
        POLICY, json={"policy": {"clock_stops_while_waiting": False}, "reason": "等待不停表"}, headers=admin
    )
    assert changed.status_code == 200, changed.text
    assert await decision(client, head, oid) == ("2026-12-30T16:00:00Z", "pending", 23 * DAY)
    clock.advance(days=1)
    await step("resume")  # this last day the clock ran
    assert await decision(client, head, oid) == ("2026-12-30T16:00:00Z", "pending", 23 * DAY)
    await client.put(
        POLICY,
        json={"policy": {"decision_days": 10, "clock_stops_while_waiting": False}, "reason": "从严"},
        headers=admin,
    )
    assert await decision(client, head, oid) == ("2026-12-23T16:00:00Z", "pending", 23 * DAY)
