"""The dashboard's figures come from one call: how many of the subtree's orders are still
open (not closed), how many are past a deadline now, how many are handled above the unit
complained about, and how many have a deadline in the next 24 hours, each scoped like the
queue."""

from __future__ import annotations

import datetime as dt

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import order, orders

RESOLUTION = {"resolution": "致歉并优化叫号", "justified": True, "apology_given": True}


async def figures(client: AsyncTestClient, headers: dict[str, str], unit: str) -> dict[str, object]:
    response = await client.get(f"{orders(unit)}/summary", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_open_overdue_escalated_and_due_soon_are_counted_in_the_callers_subtree(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock
) -> None:
    a, b, c, d = [(await file(unit))["summary"]["id"] for unit in ("OUT1", "OUT2", "OUT3", "OUT1")]
    admin, sub_branch = await token_for("admin", "HO"), await token_for("sub_branch_head", "SB1")
    head = await token_for("outlet_head", "OUT1")
    for action, body in (
        ("acknowledge", {}),
        ("investigate", {}),
        ("resolve", RESOLUTION),
        ("reply", {}),
        ("close", {}),
    ):
        assert (await client.post(order("OUT1", d, action), json=body, headers=head)).status_code == 200
    assert await figures(client, admin, "HO") == {"unit": "HO", "open": 3, "overdue": 0, "escalated": 0, "due_soon": 0}

    clock.set(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))  # first contacts due at midnight, local time
    assert (await figures(client, admin, "HO"))["due_soon"] == 3

    clock.set(dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC))
    await sweep()
    await client.post(order("OUT3", c, "acknowledge"), json={}, headers=await token_for("sub_branch_head", "SB2"))
    assert await figures(client, admin, "HO") == {"unit": "HO", "open": 3, "overdue": 2, "escalated": 3, "due_soon": 0}
    assert await figures(client, sub_branch, "SB1") == {
        "unit": "SB1",
        "open": 2,
        "overdue": 2,
        "escalated": 2,
        "due_soon": 0,
    }
    assert (await figures(client, await token_for("teller", "OUT2"), "OUT2"))["open"] == 1
    assert {a, b} == {
        o["id"]
        for o in (await client.get(orders("SB1"), params={"overdue": "true"}, headers=sub_branch)).json()["items"]
    }
