"""The queue is one paginated call: a unit's subtree (an outlet sees its own orders, a
sub-branch head the subtree, head office all), filtered, each order with its SLA countdowns
(to the first contact until it is made, to the decision until it is told),
escalation level and the complainant's contact masked for roles that do not need it."""

from __future__ import annotations

import datetime as dt

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import orders


async def ids(client: AsyncTestClient, headers: dict[str, str], unit: str, **params: object) -> list[str]:
    response = await client.get(orders(unit), params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [o["id"] for o in response.json()["items"]]


async def test_each_sees_its_subtree_filtered_paginated_and_masked_for_its_role(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock
) -> None:
    a = (await file("OUT1"))["summary"]["id"]
    b = (
        await file(
            "OUT2", category="fees", contact={"name": "王女士", "phone": "13900001111", "email": "wang@example.com"}
        )
    )["summary"]["id"]
    c = (await file("OUT3"))["summary"]["id"]
    sub_branch, outlet = await token_for("sub_branch_head", "SB1"), await token_for("teller", "OUT2")
    assert await ids(client, sub_branch, "SB1") == [a, b]
    assert await ids(client, outlet, "OUT2") == [b]
    assert (await client.get(orders("OUT1"), headers=outlet)).status_code == 403
    admin = await token_for("admin", "HO")
    assert await ids(client, admin, "HO", category="fees") == [b]
    first = (await client.get(orders("HO"), params={"limit": 2}, headers=admin)).json()
    rest = (await client.get(orders("HO"), params={"limit": 2, "cursor": first["next_cursor"]}, headers=admin)).json()
    assert [o["id"] for o in first["items"] + rest["items"]] == [a, b, c] and rest["next_cursor"] is None

    clock.set(dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC))
    await sweep()
    head = await token_for("outlet_head", "OUT3")
    await client.post(f"{orders('OUT3')}/{c}/acknowledge", json={}, headers=await token_for("sub_branch_head", "SB2"))
    assert await ids(client, admin, "HO", state="received") == [a, b]
    assert await ids(client, admin, "HO", handling_unit="SB1") == [a, b]
    assert await ids(client, head, "OUT3", overdue="true") == []
    overdue = (await client.get(orders("SB1"), params={"overdue": "true"}, headers=sub_branch)).json()["items"]
    assert [
        (o["id"], o["escalation_level"], o["next_deadline"]["key"], o["next_deadline"]["seconds_left"]) for o in overdue
    ] == [(a, 1, "first_contact", -9 * 3600), (b, 1, "first_contact", -9 * 3600)]
    decision_left = (13 * 24 + 15) * 3600  # 15 days after Fri 20th end on Sat 5 Dec, a rest day: Mon 7 Dec ends
    assert [
        (o["first_contact"]["seconds_left"], o["decision"]["key"], o["decision"]["seconds_left"]) for o in overdue
    ] == [(-9 * 3600, "decision", decision_left)] * 2
    acknowledged = (await client.get(orders("OUT3"), headers=head)).json()["items"][0]
    assert acknowledged["first_contact"] is None and acknowledged["decision"] == acknowledged["next_deadline"]

    teller = (await client.get(orders("OUT2"), headers=outlet)).json()["items"][0]
    manager = (await client.get(orders("OUT2"), headers=await token_for("customer_manager", "OUT2"))).json()["items"][0]
    assert teller["complainant"] == {"name": "王女士", "phone": "139****1111", "email": "w***@example.com"}
    assert manager["complainant"] == {"name": "王女士", "phone": "13900001111", "email": "wang@example.com"}
