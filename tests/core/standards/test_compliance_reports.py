"""Compliance reports roll events up the tree by touchpoint and period; pilots are compared
with the rest of the network."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.core.standards.test_standards_and_events import COUNTER


async def _setup(client: AsyncTestClient, admin, clock) -> None:  # type: ignore[no-untyped-def]
    await client.post(
        "/api/v1/touchpoints", json={"code": "counter", "name": "柜面服务", "channel": "branch"}, headers=admin
    )
    draft = (await client.post("/api/v1/touchpoints/counter/versions", json={"content": COUNTER}, headers=admin)).json()
    await client.post(f"/api/v1/standards/{draft['id']}/publish", json={"reason": "发布"}, headers=admin)
    clock.advance(days=20)


def event(unit: str, wait: int, at: str) -> dict:
    return {"touchpoint": "counter", "unit": unit, "occurred_at": at, "measurements": {"wait_minutes": wait}}


async def test_rates_roll_up_from_outlets_to_the_branch_by_month(client: AsyncTestClient, token_for, clock) -> None:
    admin = await token_for("admin", "HO")
    await _setup(client, admin, clock)
    batch = [
        event("OUT1", 5, "2026-11-25T10:00:00+08:00"),
        event("OUT1", 30, "2026-11-26T10:00:00+08:00"),
        event("OUT3", 5, "2026-12-01T07:30:00+08:00"),
        event("OUT4", 40, "2026-11-27T10:00:00+08:00"),
    ]
    assert (
        len((await client.post("/api/v1/events/batch", json={"events": batch}, headers=admin)).json()["accepted"]) == 4
    )
    rows = (
        await client.get(
            "/api/v1/reports/compliance",
            params={
                "since": "2026-11-01T00:00:00+08:00",
                "until": "2027-01-01T00:00:00+08:00",
                "period": "month",
                "unit": "BR1",
            },
            headers=await token_for("branch_service", "BR1"),
        )
    ).json()
    table = {(r["unit"], r["period"]): (r["events"], r["passed"], r["failed"], r["rate"]) for r in rows}
    assert table[("BR1", "2026-11-01")] == (2, 1, 1, 0.5)
    assert table[("SB1", "2026-11-01")] == (2, 1, 1, 0.5)
    assert table[("BR1", "2026-12-01")] == (1, 1, 0, 1.0)  # 07:30 Beijing time on 1 December
    assert all(r["unit"] in {"BR1", "SB1", "SB2"} for r in rows)
    nc = (await client.get("/api/v1/reports/nonconformities", headers=admin)).json()
    assert {s["unit"]: s["open"] for s in nc} == {"HO": 2, "BR1": 1, "BR2": 1}


async def test_a_pilot_is_compared_with_the_rest_of_the_network(client: AsyncTestClient, token_for, clock) -> None:
    admin = await token_for("admin", "HO")
    await _setup(client, admin, clock)
    stricter = {**COUNTER, "controls": [{**COUNTER["controls"][0], "threshold": 10}]}
    draft = (
        await client.post("/api/v1/touchpoints/counter/versions", json={"content": stricter}, headers=admin)
    ).json()
    await client.post(
        f"/api/v1/standards/{draft['id']}/pilot", json={"units": ["SB1"], "reason": "试点"}, headers=admin
    )
    clock.advance(days=5)
    batch = [
        event("OUT1", 12, "2026-12-12T10:00:00+08:00"),
        event("OUT2", 8, "2026-12-12T11:00:00+08:00"),
        event("OUT3", 12, "2026-12-12T10:00:00+08:00"),
    ]
    await client.post("/api/v1/events/batch", json={"events": batch}, headers=admin)
    report = (await client.get(f"/api/v1/reports/pilots/{draft['id']}", headers=admin)).json()
    assert report["pilot_units"] == ["SB1"]
    assert (report["pilot"]["events"], report["pilot"]["rate"], report["pilot"]["nonconformities"]) == (2, 0.5, 1)
    assert (report["rest"]["events"], report["rest"]["rate"], report["rest"]["nonconformities"]) == (1, 1.0, 0)
    assert report["pilot"]["controls"] == [{"key": "wait", "name": "等候时间", "failed": 1, "failure_rate": 0.5}]
