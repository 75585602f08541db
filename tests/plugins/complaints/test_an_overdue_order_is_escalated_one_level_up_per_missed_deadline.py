"""The SLA sweep moves an overdue order one level up the tree for each deadline it missed,
once per deadline however often it runs; head office is as high as it goes; orders at units
where the plugin is off are left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from litestar.testing import AsyncTestClient

from core.testing import enable
from tests.plugins.complaints.conftest import order

pytestmark = pytest.mark.usefixtures("english")  # compares the English text of a rule or a job's summary

AFTER_BOTH_DEADLINES = dt.datetime(2026, 12, 8, 1, 0, tzinfo=dt.UTC)  # the decision was due by the end of Monday 7th


async def handled_by(
    client: AsyncTestClient, headers: dict[str, str], unit: str, oid: str
) -> tuple[str, int, list[str]]:
    body = (await client.get(order(unit, oid), headers=headers)).json()
    return (
        body["summary"]["handling_unit"],
        body["summary"]["escalation_level"],
        [s["details"]["deadline"] for s in body["steps"] if s["action"] == "escalated"],
    )


async def test_each_missed_deadline_takes_an_order_one_level_up_once(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock, db, network
) -> None:
    outlet, branch = (await file("OUT1"))["summary"]["id"], (await file("BR2"))["summary"]["id"]
    switched_off = (await file("OUT2"))["summary"]["id"]
    await enable(db, "complaints", network["OUT2"], enabled=False)
    await enable(db, "complaints", network["SB1"])  # switched on again above it: OUT2's own switch still wins
    clock.set(AFTER_BOTH_DEADLINES)
    assert await sweep() == "complaints-sla: 4 escalations (2 first contact, 2 decision)"
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"
    admin = await token_for("admin", "HO")
    assert await handled_by(client, admin, "OUT1", outlet) == ("BR1", 2, ["first_contact", "decision@0"])
    assert await handled_by(client, admin, "BR2", branch) == ("HO", 1, ["first_contact", "decision@0"])
    gone = await client.get(order("OUT2", switched_off), headers=admin)
    assert gone.status_code == 404 and gone.json()["type"].endswith("/plugin-disabled")
