"""The holiday calendar deadlines are counted on is the bank's data: seeded per year and
region from the holidays package (make-up working days included), then corrected by head
office through the API, every change audited and the open orders re-dated at once."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import BASE, order

CALENDAR = f"{BASE}/calendars/CN"
RECEIVED = "2026-09-30T10:00:00+08:00"  # the eve of the National Day holiday


async def due_dates(client: AsyncTestClient, headers: dict[str, str], oid: str) -> list[str]:
    return [d["due_at"] for d in (await client.get(order("OUT1", oid), headers=headers)).json()["deadlines"]]


async def test_seeding_and_corrections_redate_open_orders_and_bad_days_are_refused(
    client: AsyncTestClient, token_for, complaints_on, file
) -> None:
    office = await token_for("head_office_service", "HO")
    oid = (await file("OUT1", received_at=RECEIVED))["summary"]["id"]
    assert await due_dates(client, office, oid) == ["2026-10-01T16:00:00Z", "2026-10-15T16:00:00Z"]

    seeded = await client.post(
        f"{CALENDAR}/seed", json={"year": 2026, "reason": "国务院办公厅2026年节假日安排"}, headers=office
    )
    assert seeded.status_code == 200, seeded.text
    days = {d["day"]: (d["kind"], d["source"]) for d in seeded.json()["days"]}
    assert days["2026-10-01"] == ("holiday", "seed") and days["2026-10-04"] == ("holiday", "seed")
    assert days["2026-09-20"] == ("workday", "seed") and seeded.json()["redated"] == 1
    assert await due_dates(client, office, oid) == ["2026-10-08T16:00:00Z", "2026-10-15T16:00:00Z"]
    again = await client.post(f"{CALENDAR}/seed", json={"year": 2026, "reason": "重复"}, headers=office)
    assert again.json()["days"] == seeded.json()["days"] and again.json()["redated"] == 0

    added = await client.put(
        f"{CALENDAR}/days/2026-10-15", json={"kind": "holiday", "name": "行庆日", "reason": "总行通知"}, headers=office
    )
    assert added.status_code == 200 and added.json()["redated"] == 1
    assert await due_dates(client, office, oid) == ["2026-10-08T16:00:00Z", "2026-10-16T16:00:00Z"]
    removed = await client.delete(f"{CALENDAR}/days/2026-10-15", params={"reason": "通知撤回"}, headers=office)
    assert removed.status_code == 200
    assert await due_dates(client, office, oid) == ["2026-10-08T16:00:00Z", "2026-10-15T16:00:00Z"]

    listed = await client.get(CALENDAR, params={"year": 2026}, headers=await token_for("teller", "OUT1"))
    assert listed.status_code == 200 and len(listed.json()["days"]) == len(seeded.json()["days"])
    audit = (
        await client.get(
            "/api/v1/audit", params={"entity": "complaints_calendar"}, headers=await token_for("compliance", "HO")
        )
    ).json()["items"]
    assert [(e["action"], e["entity_id"]) for e in audit] == [
        ("seeded", "CN:2026"),
        ("seeded", "CN:2026"),
        ("set", "CN:2026-10-15"),
        ("removed", "CN:2026-10-15"),
    ]

    unknown = await client.post(f"{BASE}/calendars/ZZ/seed", json={"year": 2026, "reason": "x"}, headers=office)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "region"
    malformed = await client.get(f"{BASE}/calendars/china", params={"year": 2026}, headers=office)
    assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "region"
    bad_day = await client.put(
        f"{CALENDAR}/days/2026-13-01", json={"kind": "holiday", "name": "x", "reason": "x"}, headers=office
    )
    assert bad_day.status_code == 422 and bad_day.json()["errors"][0]["field"] == "day"
    ordinary = await client.delete(f"{CALENDAR}/days/2026-11-20", params={"reason": "x"}, headers=office)
    assert ordinary.status_code == 404
