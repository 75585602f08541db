"""The SLA sweep moves an overdue order one level up the tree for each deadline it missed,
once per deadline however often it runs; head office is as high as it goes; orders at units
where the plugin is off are left alone."""

from __future__ import annotations

import datetime as dt

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import order
from tests.support import enable

AFTER_BOTH_DEADLINES = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)


async def handled_by(client: AsyncTestClient, token_for, unit: str, oid: str) -> tuple[str, int, list[str]]:  # type: ignore[no-untyped-def]
    body = (await client.get(order(unit, oid), headers=await token_for("admin", "HO"))).json()
    return (body["summary"]["handling_unit"], body["summary"]["escalation_level"],
            [s["details"]["deadline"] for s in body["steps"] if s["action"] == "escalated"])


async def test_two_missed_deadlines_take_it_two_levels_up_once(client: AsyncTestClient, token_for, complaints_on,
                                                               file, sweep, clock) -> None:
    oid = (await file("OUT1"))["summary"]["id"]
    clock.set(AFTER_BOTH_DEADLINES)
    assert await sweep() == "complaints-sla: 2 escalations (1 first contact, 1 decision)"
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"
    assert await handled_by(client, token_for, "OUT1", oid) == ("BR1", 2, ["first_contact", "decision@0"])


async def test_head_office_is_as_high_as_it_goes(client: AsyncTestClient, token_for, complaints_on, file, sweep,
                                                 clock) -> None:
    oid = (await file("BR2"))["summary"]["id"]
    clock.set(AFTER_BOTH_DEADLINES)
    assert await sweep() == "complaints-sla: 2 escalations (1 first contact, 1 decision)"
    assert await handled_by(client, token_for, "BR2", oid) == ("HO", 1, ["first_contact", "decision@0"])


async def test_orders_where_the_plugin_is_off_are_not_swept(client: AsyncTestClient, token_for, complaints_on, file,
                                                            sweep, clock, db, network) -> None:
    kept = (await file("OUT2"))["summary"]["id"]
    await enable(db, "complaints", network["OUT2"], enabled=False)
    clock.set(AFTER_BOTH_DEADLINES)
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"
    await enable(db, "complaints", network["SB1"])  # switched on again above it: OUT2's own switch still wins
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"
    gone = await client.get(order("OUT2", kept), headers=await token_for("admin", "HO"))
    assert gone.status_code == 404 and gone.json()["type"].endswith("/plugin-disabled")
