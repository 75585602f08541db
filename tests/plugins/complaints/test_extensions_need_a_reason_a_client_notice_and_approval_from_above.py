"""Extending the decision deadline: a complex case to 30 days on the handling unit's own
decision, a particularly complex one by a further 30 only with approval from a principal at
the level above; each with its reason and approver on record and a notice to the client
queued in the outbox; a missed extended deadline is escalated like any other."""

from __future__ import annotations

import datetime as dt

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import order

EXTENDED_DUE = "2026-12-21T16:00:00Z"  # 30 days after the day of receipt (20 November) end on a Sunday: Monday
FURTHER_DUE = "2027-01-19T16:00:00Z"  # 60 days: a Tuesday


async def investigating(client: AsyncTestClient, token_for, file) -> tuple[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    oid = (await file("OUT1"))["summary"]["id"]
    head = await token_for("outlet_head", "OUT1")
    for action in ("acknowledge", "investigate"):
        assert (await client.post(order("OUT1", oid, action), json={}, headers=head)).status_code == 200
    return oid, head


def decision_deadlines(body: dict) -> list[tuple[str, str, str]]:
    return [(d["key"], d["due_at"], d["status"]) for d in body["deadlines"][1:]]


async def test_extended_then_further_with_approval_from_above(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock
) -> None:
    oid, head = await investigating(client, token_for, file)
    extended = await client.post(
        order("OUT1", oid, "extensions"), json={"reason": "需调取三个月交易流水"}, headers=head
    )
    assert extended.status_code == 201, extended.text
    assert decision_deadlines(extended.json()) == [
        ("decision", "2026-12-07T16:00:00Z", "superseded"),
        ("extended", EXTENDED_DUE, "pending"),
    ]
    first = extended.json()["extensions"][0]
    assert (first["level"], first["status"], first["decided_by"]) == (1, "approved", first["requested_by"])

    asked = (
        await client.post(order("OUT1", oid, "extensions"), json={"reason": "涉及第三方机构核查"}, headers=head)
    ).json()
    further = asked["extensions"][1]
    assert further["status"] == "pending" and decision_deadlines(asked)[-1] == ("extended", EXTENDED_DUE, "pending")
    not_above = await client.post(
        order("OUT1", oid, f"extensions/{further['id']}/decision"),
        json={"approve": True},
        headers=await token_for("admin", "OUT1"),
    )
    assert not_above.status_code == 403 and not_above.json()["type"].endswith("/forbidden")
    approved = await client.post(
        order("OUT1", oid, f"extensions/{further['id']}/decision"),
        json={"approve": True, "note": "同意"},
        headers=await token_for("sub_branch_head", "SB1"),
    )
    assert approved.status_code == 200, approved.text
    assert decision_deadlines(approved.json())[-1] == ("further", FURTHER_DUE, "pending")
    assert approved.json()["extensions"][1]["decided_by"].startswith("staff:")
    third = await client.post(order("OUT1", oid, "extensions"), json={"reason": "再延"}, headers=head)
    assert third.status_code == 409

    notices = (
        await client.get(
            "/api/v1/outbox", params={"topic": "complaints.client_notice"}, headers=await token_for("operations", "HO")
        )
    ).json()["items"]
    assert [(m["payload"]["phone"], m["payload"]["due_on"]) for m in notices] == [
        ("13900001111", "2026-12-21"),
        ("13900001111", "2027-01-19"),
    ]
    assert "2027年01月19日" in notices[1]["payload"]["message"]
    clock.set(dt.datetime(2026, 12, 25, tzinfo=dt.UTC))  # past 15 and 30 days, within 60: nothing missed
    assert await sweep() == "complaints-sla：升级 0 件（首次联系超时 0 件，处理决定超时 0 件）"
    clock.set(dt.datetime(2027, 1, 20, tzinfo=dt.UTC))
    assert await sweep() == "complaints-sla：升级 1 件（首次联系超时 0 件，处理决定超时 1 件）"


async def test_an_extension_after_the_deadline_or_without_a_reason_is_refused(
    client: AsyncTestClient, token_for, complaints_on, file, clock
) -> None:
    oid, head = await investigating(client, token_for, file)
    blank = await client.post(order("OUT1", oid, "extensions"), json={"reason": " "}, headers=head)
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "reason"
    clock.set(dt.datetime(2026, 12, 8, tzinfo=dt.UTC))  # the decision was due by the end of Monday 7th
    late = await client.post(order("OUT1", oid, "extensions"), json={"reason": "来不及了"}, headers=head)
    assert late.status_code == 409 and "处理决定期限已于" in late.json()["detail"]


async def test_a_rejected_further_extension_keeps_the_deadline_may_be_asked_again_and_lapses_with_the_reply(
    client: AsyncTestClient, token_for, complaints_on, file
) -> None:
    oid, head = await investigating(client, token_for, file)
    await client.post(order("OUT1", oid, "extensions"), json={"reason": "复杂"}, headers=head)
    pending = (await client.post(order("OUT1", oid, "extensions"), json={"reason": "特别复杂"}, headers=head)).json()[
        "extensions"
    ][1]["id"]
    approver = await token_for("sub_branch_head", "SB1")
    no_reason = await client.post(
        order("OUT1", oid, f"extensions/{pending}/decision"), json={"approve": False}, headers=approver
    )
    assert no_reason.status_code == 422
    rejected = await client.post(
        order("OUT1", oid, f"extensions/{pending}/decision"),
        json={"approve": False, "note": "材料已齐，无需再延"},
        headers=approver,
    )
    assert rejected.json()["extensions"][1]["status"] == "rejected"
    assert decision_deadlines(rejected.json())[-1] == ("extended", EXTENDED_DUE, "pending")
    again = await client.post(
        order("OUT1", oid, f"extensions/{pending}/decision"), json={"approve": True}, headers=approver
    )
    assert again.status_code == 409
    asked_again = await client.post(order("OUT1", oid, "extensions"), json={"reason": "新情况"}, headers=head)
    assert asked_again.status_code == 201
    await client.post(
        order("OUT1", oid, "resolve"),
        headers=head,
        json={"resolution": "已处理", "justified": False, "apology_given": False},
    )
    await client.post(order("OUT1", oid, "reply"), json={}, headers=head)
    lapsed = await client.post(
        order("OUT1", oid, f"extensions/{asked_again.json()['extensions'][2]['id']}/decision"),
        json={"approve": True},
        headers=approver,
    )
    assert lapsed.status_code == 409 and "已失效" in lapsed.json()["detail"]
