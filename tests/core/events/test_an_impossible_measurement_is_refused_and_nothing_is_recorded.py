"""An impossible value (a negative wait, a wait longer than a year, 1e308 minutes; NaN or
infinity from a plugin calling the service) is refused naming the key and the rule, and
nothing is recorded. Before, -5 minutes passed the wait control and 1e308 failed it with a
nonconformity, both counted in the outlet's compliance."""

from __future__ import annotations

import math

from litestar.testing import AsyncTestClient

from core.services import events
from core.services.events import EventIn
from core.testing import START
from tests.core.events.conftest import WAIT_RULE, Service, Spy, stored

EVENT = {"touchpoint": "counter", "unit": "OUT1", "occurred_at": "2026-11-20T09:40:00Z"}


async def test_impossible_numbers_are_refused_over_the_api(spied: AsyncTestClient, token_for, db, spy: Spy) -> None:
    teller = await token_for("teller", "OUT1")
    for wait in (-5, -0.1, 527041, 1e308, -1e308):
        answer = await spied.post(
            "/api/v1/events", json={**EVENT, "measurements": {"wait_minutes": wait}}, headers=teller
        )
        assert answer.status_code == 422, (wait, answer.text)
        assert answer.json()["errors"] == [{"field": "measurements.wait_minutes", "message": WAIT_RULE}]
    for wait in (0, 527040, 14.5):  # the edges of the range are possible
        answer = await spied.post(
            "/api/v1/events", json={**EVENT, "measurements": {"wait_minutes": wait}}, headers=teller
        )
        assert answer.status_code == 201 and answer.json()["judged"], answer.text
    assert await stored(db) == (3, 1) and len(spy.recorded) == 3


async def test_nan_and_infinity_from_a_plugin_are_refused(service: Service, spy: Spy) -> None:
    items = [
        EventIn(touchpoint="counter", unit="OUT1", occurred_at=START, measurements={"wait_minutes": value})
        for value in (math.nan, math.inf, -math.inf)
    ]
    async with service.db.unit_of_work() as session:
        accepted, rejected = await events.record(service.ctx_of(session), items)
    assert accepted == []
    assert [(r.index, [(p.field, p.message) for p in r.reasons]) for r in rejected] == [
        (i, [("measurements.wait_minutes", WAIT_RULE)]) for i in range(3)
    ]
    assert await stored(service.db) == (0, 0) and spy.recorded == [] and spy.raised == []
