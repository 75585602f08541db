"""Each core control kind declares the measurement its controls read: ``compare`` a finite
number in the range its params or its unit allow, ``boolean`` true or false, ``one_of`` a
value of the listed type (one of ``params.choices`` when given), ``frequency_by_tier``
nothing per event. A standard whose declarations cannot hold (a range upside down, a
threshold no measurement can reach, two controls reading one metric as different types) is
refused when saved, naming the field."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from core.controls import CORE_CONTROL_KINDS
from core.types import MeasurementSpec

KINDS = {kind.name: kind for kind in CORE_CONTROL_KINDS}


def control(kind: str, **fields) -> dict:  # type: ignore[no-untyped-def]
    return {"key": "c", "name": "检查", "kind": kind, "metric": "m", **fields}


def test_each_core_kind_declares_what_it_reads() -> None:
    def spec(kind: str, **fields) -> MeasurementSpec | None:  # type: ignore[no-untyped-def]
        return KINDS[kind].measurement(control(kind, **fields))  # type: ignore[misc]

    assert spec("compare", comparator="<=", threshold=15, unit="min") == MeasurementSpec(
        type="number", minimum=0, maximum=366 * 1440, unit="min"
    )
    assert spec("compare", comparator=">=", threshold=80, unit="%") == MeasurementSpec(
        type="number", minimum=0, maximum=100, unit="%"
    )
    assert spec("compare", comparator="<=", threshold=3, unit="min", params={"max": 60}) == MeasurementSpec(
        type="number", minimum=0, maximum=60, unit="min"
    )
    assert spec("compare", comparator="<=", threshold=3, unit="元") == MeasurementSpec(type="number", unit="元")
    assert spec("boolean", threshold=True) == MeasurementSpec(type="boolean")
    assert spec("one_of", comparator="in", threshold=["standard", "vip"]) == MeasurementSpec(type="text")
    assert spec("one_of", comparator="in", threshold=[1, 2], params={"choices": [1, 2, 3]}) == MeasurementSpec(
        type="number", choices=(1, 2, 3)
    )
    assert spec("frequency_by_tier", params={"tier": "gold", "period": "month", "at_least": 1}) is None


async def test_declarations_that_cannot_hold_are_refused_when_saved(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await client.post(
        "/api/v1/touchpoints", json={"code": "door", "name": "门口迎候", "channel": "branch"}, headers=admin
    )
    wait = control("compare", comparator="<=", threshold=15, unit="min")
    cases = [
        ([{**wait, "params": {"min": 10, "max": 5}}], "controls[0].params", "params.min must not exceed params.max"),
        ([{**wait, "params": {"max": "soon"}}], "controls[0].params", "params.min and params.max must be numbers"),
        (
            [{**wait, "threshold": -1}],
            "controls[0].threshold",
            "threshold must lie within the possible values (0 to 527040)",
        ),
        (
            [{**wait, "unit": "%", "threshold": 120}],
            "controls[0].threshold",
            "threshold must lie within the possible values (0 to 100)",
        ),
        (
            [control("one_of", comparator="in", threshold=["standard", 1])],
            "controls[0].threshold",
            "threshold values must all be texts, all numbers or all true/false",
        ),
        (
            [
                control(
                    "one_of", comparator="in", threshold=["standard", "vip"], params={"choices": ["standard", "none"]}
                )
            ],
            "controls[0].params",
            "params.choices must list every threshold value; missing: vip",
        ),
        (
            [control("one_of", comparator="in", threshold=["vip"], params={"choices": "vip"})],
            "controls[0].params",
            "params.choices must be a non-empty list of values of one type",
        ),
        (
            [wait, {**control("boolean", threshold=True), "key": "d"}],
            "controls[1].metric",
            "'m' is read as number by controls[0], as boolean here; a measurement has one type",
        ),
    ]
    for controls, field, message in cases:
        answer = await client.post(
            "/api/v1/touchpoints/door/versions",
            json={"content": {"title": "门口迎候服务标准", "controls": controls}},
            headers=admin,
        )
        assert answer.status_code == 422, (controls, answer.text)
        assert answer.json()["errors"] == [{"field": field, "message": message}], controls
    sound = [
        wait,
        {
            **control("one_of", comparator="in", threshold=[1, 2], params={"choices": [1, 2, 3]}),
            "key": "d",
            "metric": "n",
        },
        {**control("compare", comparator=">=", threshold=1), "key": "e"},
    ]
    answer = await client.post(
        "/api/v1/touchpoints/door/versions",
        json={"content": {"title": "门口迎候服务标准", "controls": sound}},
        headers=admin,
    )
    assert answer.status_code == 201, answer.text


async def test_one_of_with_choices_refuses_a_value_outside_them_and_judges_the_others(
    client: AsyncTestClient, token_for, clock
) -> None:
    admin, teller = await token_for("admin", "HO"), await token_for("teller", "OUT1")
    await client.post(
        "/api/v1/touchpoints", json={"code": "door", "name": "门口迎候", "channel": "branch"}, headers=admin
    )
    greeting = control(
        "one_of", comparator="in", threshold=["standard", "vip"], params={"choices": ["standard", "vip", "none"]}
    ) | {"metric": "greeting"}
    draft = (
        await client.post(
            "/api/v1/touchpoints/door/versions",
            json={"content": {"title": "门口迎候服务标准", "controls": [greeting]}},
            headers=admin,
        )
    ).json()
    await client.post(f"/api/v1/standards/{draft['id']}/publish", json={"reason": "发布"}, headers=admin)
    clock.advance(minutes=5)
    event = {"touchpoint": "door", "unit": "OUT1", "occurred_at": "2026-11-20T09:04:00Z"}
    outcomes = []
    for value in ("vip", "none", "hello", 3):
        answer = await client.post(
            "/api/v1/events", json={**event, "measurements": {"greeting": value}}, headers=teller
        )
        outcomes.append(answer.json()["outcome"] if answer.status_code == 201 else answer.json()["errors"])
    refused = [{"field": "measurements.greeting", "message": "must be one of standard, vip, none"}]
    assert outcomes == ["pass", "fail", refused, refused]
