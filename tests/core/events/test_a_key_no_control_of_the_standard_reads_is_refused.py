"""A measurement under a key that no control of the version in force reads (a typo, a field
of another form) is refused naming the key and what the version does read, and nothing is
recorded. Before, ``wait_minute`` was stored and the event silently not judged."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.core.events.conftest import Spy, stored

EVENT = {"touchpoint": "counter", "unit": "OUT1", "occurred_at": "2026-11-20T09:40:00Z"}
READS = "no control of counter version 1 reads it (it reads wait_minutes, service_log_written)"


async def test_an_unread_key_is_refused_with_what_the_version_reads(
    spied: AsyncTestClient, token_for, db, spy: Spy
) -> None:
    teller = await token_for("teller", "OUT1")
    for measurements, fields in [
        ({"wait_minute": 3}, ["measurements.wait_minute"]),
        ({"wait_minutes": 3, "mood": "good", "both_hands": None}, ["measurements.mood", "measurements.both_hands"]),
    ]:
        answer = await spied.post("/api/v1/events", json={**EVENT, "measurements": measurements}, headers=teller)
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"] == [{"field": field, "message": READS} for field in fields]
    assert await stored(db) == (0, 0) and spy.recorded == []


async def test_a_pilot_reads_what_its_own_controls_read(spied: AsyncTestClient, token_for, clock) -> None:
    """The version in force decides: where a pilot without the log control runs, the log is
    an unread key; elsewhere it is judged."""
    admin = await token_for("admin", "HO")
    versions = (await spied.get("/api/v1/touchpoints/counter/versions", headers=admin)).json()
    wait_only = {"title": "柜面服务标准（试点）", "controls": [versions[0]["content"]["controls"][0]]}
    draft = (
        await spied.post("/api/v1/touchpoints/counter/versions", json={"content": wait_only}, headers=admin)
    ).json()
    await spied.post(f"/api/v1/standards/{draft['id']}/pilot", json={"units": ["SB1"], "reason": "试点"}, headers=admin)
    clock.advance(minutes=10)
    event = {
        **EVENT,
        "occurred_at": "2026-11-20T10:05:00Z",
        "measurements": {"wait_minutes": 3, "service_log_written": True},
    }
    in_pilot = await spied.post("/api/v1/events", json=event, headers=admin)
    elsewhere = await spied.post("/api/v1/events", json={**event, "unit": "OUT3"}, headers=admin)
    assert in_pilot.status_code == 422 and in_pilot.json()["errors"] == [
        {
            "field": "measurements.service_log_written",
            "message": "no control of counter version 2 reads it (it reads wait_minutes)",
        }
    ]
    assert elsewhere.status_code == 201 and elsewhere.json()["standard_version"] == 1
