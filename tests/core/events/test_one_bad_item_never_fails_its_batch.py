"""In ``POST /events/batch`` an item is rejected alone, whatever is wrong with it: a date
outside what a datetime holds, a field of the wrong type or missing, a number out of range,
not an object at all, an impossible measurement. It lands in ``rejected`` with its index
and reasons and the good items are recorded. Before, one such item failed the whole batch
(a 500 for ``0001-01-01T00:00:00+08:00``, a 422 or 400 for the others). Only a body that is
no batch at all is refused whole."""

from __future__ import annotations

import json

from litestar.testing import AsyncTestClient

from tests.core.events.conftest import WAIT_RULE, Spy, stored

GOOD = {
    "touchpoint": "counter",
    "unit": "OUT1",
    "occurred_at": "2026-11-20T09:40:00Z",
    "measurements": {"wait_minutes": 3},
}
BAD = [
    ({**GOOD, "occurred_at": "0001-01-01T00:00:00+08:00"}, "occurred_at"),
    ({**GOOD, "occurred_at": "9999-12-31T23:59:59-08:00"}, "occurred_at"),
    ({**GOOD, "touchpoint": 5}, "touchpoint"),
    ({key: value for key, value in GOOD.items() if key != "unit"}, "unit"),
    ({**GOOD, "colour": "red"}, "colour"),
    (5, "event"),
    ({**GOOD, "measurements": {"wait_minutes": -3}}, "measurements.wait_minutes"),
    ({**GOOD, "measurements": {"wait_minutes": "3"}}, "measurements.wait_minutes"),
    ({**GOOD, "measurements": {"wait_minute": 3}}, "measurements.wait_minute"),
    ({**GOOD, "unit": "OUT4"}, "unit"),
]


async def test_each_bad_item_is_rejected_alone_and_the_good_are_recorded(
    spied: AsyncTestClient, token_for, db, spy: Spy, english
) -> None:
    items = [GOOD, *[item for item, _ in BAD], GOOD]
    out_of_range = (
        '{"touchpoint": "counter", "unit": "OUT1", "occurred_at": "2026-11-20T09:40:00Z", '
        '"measurements": {"wait_minutes": 1e400}}'
    )  # JSON, but no float holds it
    body = '{"events": [' + ", ".join([*map(json.dumps, items), out_of_range]) + "]}"
    answer = await spied.post(
        "/api/v1/events/batch",
        content=body.encode(),
        headers={**await token_for("teller", "OUT1"), "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    out = answer.json()
    assert [a["index"] for a in out["accepted"]] == [0, len(items) - 1]
    assert [(r["index"], r["reasons"][0]["field"]) for r in out["rejected"]] == [
        *[(i + 1, field) for i, (_, field) in enumerate(BAD)],
        (len(items), "measurements"),
    ]
    reasons = {r["index"]: r["reasons"][0]["message"] for r in out["rejected"]}
    assert reasons[1] == reasons[2] == "must lie between the years 1900 and 2200"
    assert reasons[7] == WAIT_RULE and reasons[len(items)] == "the number is out of range"
    assert reasons[4] == "is required" and reasons[3] == "expected str, got int"
    assert await stored(db) == (2, 0) and len(spy.recorded) == 2


async def test_a_body_that_is_no_batch_is_refused_whole(spied: AsyncTestClient, token_for, db) -> None:
    teller = {**await token_for("teller", "OUT1"), "Content-Type": "application/json"}
    bodies = [
        (b'{"events": []}', 422, "events"),
        (b'{"events": 3}', 422, "events"),
        (b"{}", 422, "events"),
        (b'{"events": [5], "x": 1}', 422, "x"),
        (json.dumps({"events": [GOOD] * 1001}).encode(), 422, "events"),
        (b"[]", 422, "body"),
        (b'{"events": [', 400, None),
    ]
    for body, status, field in bodies:
        answer = await spied.post("/api/v1/events/batch", content=body, headers=teller)
        assert answer.status_code == status, (body[:40], answer.text)
        if field:
            assert answer.json()["errors"][0]["field"] == field, answer.text
    assert await stored(db) == (0, 0)
