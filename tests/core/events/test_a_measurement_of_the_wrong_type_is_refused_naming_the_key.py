"""A measurement of the wrong type (a number as text, true for a number, "yes" or 1 for a
yes/no) is refused with a 422 naming ``measurements.<key>`` and the rule it breaks; nothing
is recorded: no event, no nonconformity, no hook. Before, each was stored and judged: "22"
failed the wait control and opened a nonconformity, "yes" failed the log control."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.core.events.conftest import WAIT_RULE, Spy, stored

EVENT = {"touchpoint": "counter", "unit": "OUT1", "occurred_at": "2026-11-20T09:40:00Z"}
WRONG = [
    ({"wait_minutes": "22"}, "measurements.wait_minutes", WAIT_RULE),
    ({"wait_minutes": True}, "measurements.wait_minutes", WAIT_RULE),
    ({"service_log_written": "yes"}, "measurements.service_log_written", "must be true or false"),
    ({"service_log_written": 1}, "measurements.service_log_written", "must be true or false"),
    ({"service_log_written": None, "wait_minutes": "3"}, "measurements.wait_minutes", WAIT_RULE),
]


async def test_each_wrong_type_is_refused_and_leaves_nothing(spied: AsyncTestClient, token_for, db, spy: Spy) -> None:
    teller = await token_for("teller", "OUT1")
    for measurements, field, rule in WRONG:
        answer = await spied.post("/api/v1/events", json={**EVENT, "measurements": measurements}, headers=teller)
        assert answer.status_code == 422, (measurements, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["errors"] == [{"field": field, "message": rule}], measurements
    assert await stored(db) == (0, 0)
    assert spy.recorded == [] and spy.raised == []


async def test_the_same_event_with_the_right_types_is_judged(spied: AsyncTestClient, token_for, db, spy: Spy) -> None:
    answer = await spied.post(
        "/api/v1/events",
        json={**EVENT, "measurements": {"wait_minutes": 22, "service_log_written": True}},
        headers=await token_for("teller", "OUT1"),
    )
    assert answer.status_code == 201, answer.text
    assert (answer.json()["outcome"], answer.json()["judged"], answer.json()["reason"]) == ("fail", True, None)
    assert await stored(db) == (1, 1) and len(spy.recorded) == len(spy.raised) == 1
