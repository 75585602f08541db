"""For any measurements, on a touchpoint with a standard in force or without one, the
service either refuses the event naming exactly the keys a model finds wrong, and writes
nothing (no event, no nonconformity, no hook), or records it and judges it as the model
does: a failed control for each wait over 15 minutes or log not written, one nonconformity
per failure."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.services import events, standards
from core.services.events import EventIn
from core.testing import START
from tests.core.events.conftest import Service, Spy, stored

READ = {"wait_minutes", "service_log_written"}
keys = st.one_of(
    st.sampled_from(sorted(READ)),
    st.sampled_from(sorted(READ | {"wait_minute", "mood"})),
    st.text(min_size=1, max_size=6),
)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(0, 40),
    st.floats(0, 40),
    st.integers(-(10**13), 10**13),
    st.floats(),
    st.text(max_size=3),
    st.sampled_from([0, 15, 15.0, 16, 527040, 527040.5, -0.0, "长" * 201, "a\x00"]),
)


def _number(value: object) -> bool:
    return type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]


def wrong_keys(touchpoint: str, measurements: dict[str, object]) -> set[str]:
    """The model: which keys a correct service refuses."""
    if touchpoint == "lobby":  # no standard in force: metric names, the general rules only
        return {
            k
            for k, v in measurements.items()
            if not re.fullmatch(r"[a-z][a-z0-9_]*", k)
            or not (
                v is None
                or type(v) is bool
                or (_number(v) and abs(v) <= 1e12)  # type: ignore[arg-type]
                or (type(v) is str and len(v) <= 200 and "\x00" not in v)
            )
        }
    wrong = {k for k in measurements if k not in READ}
    wait, log = measurements.get("wait_minutes"), measurements.get("service_log_written")
    if wait is not None and not (_number(wait) and 0 <= wait <= 527040):  # type: ignore[operator]
        wrong.add("wait_minutes")
    if log is not None and type(log) is not bool:
        wrong.add("service_log_written")
    return wrong


@pytest.fixture
async def with_lobby(service: Service) -> Service:
    async with service.db.unit_of_work() as session:
        await standards.create_touchpoint(
            service.ctx_of(session), code="lobby", name="大堂引导", channel="branch", description=""
        )
    return service


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(touchpoint=st.sampled_from(["counter", "lobby"]), measurements=st.dictionaries(keys, values, max_size=4))
async def test_refused_with_the_wrong_keys_named_or_recorded_and_judged(
    with_lobby: Service, spy: Spy, touchpoint: str, measurements: dict[str, object]
) -> None:
    before, hooks = await stored(with_lobby.db), (len(spy.recorded), len(spy.raised))
    item = EventIn(touchpoint=touchpoint, unit="OUT1", occurred_at=START, measurements=measurements)  # type: ignore[arg-type]
    async with with_lobby.db.unit_of_work() as session:
        accepted, rejected = await events.record(with_lobby.ctx_of(session), [item])
    wrong = wrong_keys(touchpoint, measurements)
    event("refused" if wrong else "recorded")
    if wrong:
        assert accepted == [] and {p.field for p in rejected[0].reasons} == {f"measurements.{k}" for k in wrong}
        assert await stored(with_lobby.db) == before and (len(spy.recorded), len(spy.raised)) == hooks
        return
    assert rejected == [], rejected
    answer = accepted[0]
    wait, log = measurements.get("wait_minutes"), measurements.get("service_log_written")
    failures = [
        key
        for key, failed in (
            ("wait", touchpoint == "counter" and wait is not None and wait > 15),  # type: ignore[operator]
            ("log", touchpoint == "counter" and log is False),
        )
        if failed
    ]
    measured = touchpoint == "counter" and (wait is not None or log is not None)
    assert answer.judged is measured and (answer.reason is None) is measured
    assert answer.outcome == ("fail" if failures else "pass" if measured else "none")
    assert [r.key for r in answer.evaluation if r.passed is False] == failures
    assert await stored(with_lobby.db) == (before[0] + 1, before[1] + len(failures))
    assert (len(spy.recorded), len(spy.raised)) == (hooks[0] + 1, hooks[1] + len(failures))
