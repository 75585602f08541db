"""Bad input is answered 4xx with a problem document naming the field (or, for a step that
may not follow, the allowed ones), and leaves nothing behind."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import COMPLAINT, order, orders


async def test_bad_intakes_and_steps_name_the_field_or_the_allowed_steps_and_change_nothing(
    client: AsyncTestClient, token_for, complaints_on, file
) -> None:
    desk = await token_for("lobby_manager", "OUT1")
    other_outlet = (await client.get("/api/v1/me", headers=await token_for("teller", "OUT3"))).json()["id"]
    cases = [
        ({"category": "weather"}, "category"),
        ({"contact": None}, "contact"),
        ({"contact": {"name": "匿名"}}, "contact"),
        ({"received_at": "2026-11-21T09:00:00+08:00"}, "received_at"),
        ({"received_at": "2026-11-20T09:00:00"}, "received_at"),
        ({"staff": other_outlet}, "staff"),
        ({"severity": "urgent"}, "severity"),
        ({"content": ""}, "content"),
        ({"contact": {"phone": "call me"}}, "contact.phone"),
    ]
    for change, field in cases:
        refused = await client.post(orders("OUT1"), json={**COMPLAINT, **change}, headers=desk)
        assert refused.status_code == 422, (change, refused.text)
        assert refused.json()["errors"][0]["field"] == field, (change, refused.json())
    stranger = await client.post(orders("OUT1"), json={**COMPLAINT, "client": "cl_nobody"}, headers=desk)
    assert stranger.status_code == 404
    assert (await client.get(orders("OUT1"), headers=desk)).json() == {"items": [], "next_cursor": None}
    events = (await client.get("/api/v1/events", headers=await token_for("admin", "HO"))).json()["items"]
    assert events == []

    oid = (await file("OUT1"))["summary"]["id"]
    head = await token_for("outlet_head", "OUT1")
    early = await client.post(
        order("OUT1", oid, "resolve"),
        headers=head,
        json={"resolution": "致歉", "justified": False, "apology_given": True},
    )
    problem = early.json()
    assert early.status_code == 409 and problem["type"].endswith("/transition-not-allowed")
    assert (problem["current"], problem["requested"], problem["allowed"]) == ("received", "resolved", ["acknowledge"])
    for action in ("acknowledge", "investigate"):
        await client.post(order("OUT1", oid, action), json={}, headers=head)
    fractional = await client.post(
        order("OUT1", oid, "resolve"),
        headers=head,
        json={"resolution": "补偿", "justified": True, "apology_given": True, "compensation": "10.005"},
    )
    assert fractional.status_code == 422 and fractional.json()["errors"][0]["field"] == "compensation"
    still = (await client.get(order("OUT1", oid), headers=head)).json()
    assert (still["summary"]["state"], still["compensation"], len(still["steps"])) == ("investigating", None, 3)
    unknown = await client.post(order("OUT1", "co_nothing", "acknowledge"), json={}, headers=head)
    assert unknown.status_code == 404
