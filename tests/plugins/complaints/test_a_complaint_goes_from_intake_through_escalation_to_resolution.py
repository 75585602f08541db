"""End to end through the HTTP API, with the clock the test moves: a complaint taken in at an
outlet misses its first-contact deadline and goes up to the sub-branch, misses its decision
deadline and goes up to the branch, which resolves it, replies and closes it. Every step is
recorded with who and when, audited, and the escalations are notified through the outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import order

pytestmark = pytest.mark.usefixtures("english")  # compares the SLA sweep's English summary

FIRST_CONTACT_DUE = "2026-11-23T16:00:00Z"  # received Friday 17:00 in Beijing: end of Monday
DECISION_DUE = "2026-12-07T16:00:00Z"  # 15 calendar days end on Saturday 5 December: a rest day, so Monday


def deadlines(body: dict) -> list[tuple[str, str, str]]:
    return [(d["key"], d["due_at"], d["status"]) for d in body["deadlines"]]


async def test_intake_escalation_and_resolution(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock
) -> None:
    teller = await token_for("teller", "OUT1")
    staff_id = (await client.get("/api/v1/me", headers=teller)).json()["id"]
    taken = await file(staff=staff_id, told_time_limit=True, reference_given=True)
    oid = taken["summary"]["id"]
    assert (taken["summary"]["state"], taken["summary"]["handling_unit"], taken["summary"]["escalation_level"]) == (
        "received",
        "OUT1",
        0,
    )
    assert taken["summary"]["next_deadline"] == {
        "key": "first_contact",
        "due_at": FIRST_CONTACT_DUE,
        "seconds_left": 3 * 86400 + 7 * 3600,
        "paused": False,
    }
    assert deadlines(taken) == [("first_contact", FIRST_CONTACT_DUE, "pending"), ("decision", DECISION_DUE, "pending")]
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"

    clock.set(dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC))  # Tuesday morning: nobody called the client
    assert await sweep() == "complaints-sla: 1 escalations (1 first contact, 0 decision)"
    assert await sweep() == "complaints-sla: 0 escalations (0 first contact, 0 decision)"
    outlet_head, sub_branch = await token_for("outlet_head", "OUT1"), await token_for("sub_branch_head", "SB1")
    escalated = (await client.get(order("OUT1", oid), headers=outlet_head)).json()
    assert (
        escalated["summary"]["handling_unit"],
        escalated["summary"]["escalation_level"],
        escalated["summary"]["breached"],
    ) == ("SB1", 1, True)
    taken_over = await client.post(order("OUT1", oid, "acknowledge"), json={"note": "致电客户"}, headers=outlet_head)
    assert taken_over.status_code == 403 and taken_over.json()["type"].endswith("/out-of-scope")

    for action, note in (("acknowledge", "支行长致电客户致歉"), ("investigate", "调取排队记录")):
        moved = await client.post(order("OUT1", oid, action), json={"note": note}, headers=sub_branch)
        assert moved.status_code == 200, moved.text
    clock.set(dt.datetime(2026, 12, 8, 2, 0, tzinfo=dt.UTC))  # Tuesday morning: no decision yet
    assert await sweep() == "complaints-sla: 1 escalations (0 first contact, 1 decision)"

    branch = await token_for("branch_service", "BR1")
    resolved = await client.post(
        order("OUT1", oid, "resolve"),
        headers=branch,
        json={
            "resolution": "高峰时段增开窗口，向客户致歉",
            "justified": True,
            "apology_given": True,
            "compensation": "200.50",
        },
    )
    assert resolved.status_code == 200, resolved.text
    assert (resolved.json()["justified"], resolved.json()["compensation"]) == (True, "200.50")
    for action in ("reply", "close"):
        assert (await client.post(order("OUT1", oid, action), json={}, headers=branch)).status_code == 200

    final = (await client.get(order("SB1", oid), headers=sub_branch)).json()
    assert (final["summary"]["state"], final["summary"]["handling_unit"], final["summary"]["next_deadline"]) == (
        "closed",
        "BR1",
        None,
    )
    assert deadlines(final) == [("first_contact", FIRST_CONTACT_DUE, "missed"), ("decision", DECISION_DUE, "missed")]
    assert [(s["action"], s["to_state"]) for s in final["steps"]] == [
        ("intake", "received"),
        ("escalated", "received"),
        ("acknowledge", "acknowledged"),
        ("investigate", "investigating"),
        ("escalated", "investigating"),
        ("resolve", "resolved"),
        ("reply", "replied"),
        ("close", "closed"),
    ]
    escalations = [s["details"] for s in final["steps"] if s["action"] == "escalated"]
    assert [(e["deadline"], e["from"], e["to"]) for e in escalations] == [
        ("first_contact", "OUT1", "SB1"),
        ("decision@0", "SB1", "BR1"),
    ]
    assert final["steps"][2]["actor"].startswith("staff:") and final["steps"][1]["actor"] == "system:touchstone"

    audit = (
        await client.get(
            "/api/v1/audit",
            params={"entity": "complaints_order", "entity_id": oid},
            headers=await token_for("compliance", "HO"),
        )
    ).json()["items"]
    assert [e["action"] for e in audit] == [
        "intake",
        "escalated",
        "acknowledge",
        "investigate",
        "escalated",
        "resolve",
        "reply",
        "close",
    ]
    notices = (
        await client.get(
            "/api/v1/outbox", params={"topic": "complaints.escalated"}, headers=await token_for("operations", "HO")
        )
    ).json()["items"]
    assert [(m["key"], m["unit"]) for m in notices] == [
        (f"complaints-escalated:{oid}:first_contact", "SB1"),
        (f"complaints-escalated:{oid}:decision@0", "BR1"),
    ]
