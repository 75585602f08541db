"""A control kind a plugin adds declares its measurement as the core's kinds do, and the
core holds events to it; a kind written before declarations existed still works, its metric
held to the general rules only."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from core import hookimpl
from core.api.app import create_app
from core.plugins import create_plugin_manager
from core.types import ControlKind, ControlOutcome, MeasurementSpec


def _validate(control):  # type: ignore[no-untyped-def]
    return [] if isinstance(control.get("threshold"), int) else ["threshold must be a whole number"]


def _evaluate(control, measurements):  # type: ignore[no-untyped-def]
    stars = measurements.get(control["metric"])
    return ControlOutcome(
        passed=None if stars is None else stars >= control["threshold"], measured=stars, expected=control["threshold"]
    )


class Ratings:
    """Stars from 1 to 5 (declared), and an older kind that declares nothing."""

    @hookimpl
    def register_control_kinds(self) -> list[ControlKind]:
        return [
            ControlKind(
                name="stars",
                description="A 1-5 star rating of at least N",
                validate=_validate,
                evaluate=_evaluate,
                measurement=lambda control: MeasurementSpec(type="integer", minimum=1, maximum=5),
            ),
            ControlKind(
                name="legacy_score", description="A score of at least N", validate=_validate, evaluate=_evaluate
            ),
        ]


async def test_events_are_held_to_what_the_plugins_kinds_declare(settings, clock, network, token_for) -> None:
    app = create_app(settings, plugin_manager=create_plugin_manager(plugins=[("ratings", Ratings())]), clock=clock)
    async with AsyncTestClient(app=app) as client:
        admin = await token_for("admin", "HO")
        await client.post(
            "/api/v1/touchpoints", json={"code": "call", "name": "外呼回访", "channel": "phone"}, headers=admin
        )
        controls = [
            {"key": "rating", "name": "客户评价", "kind": "stars", "metric": "stars", "threshold": 4},
            {"key": "score", "name": "质检评分", "kind": "legacy_score", "metric": "score", "threshold": 60},
        ]
        draft = await client.post(
            "/api/v1/touchpoints/call/versions",
            json={"content": {"title": "外呼回访标准", "controls": controls}},
            headers=admin,
        )
        await client.post(f"/api/v1/standards/{draft.json()['id']}/publish", json={"reason": "发布"}, headers=admin)
        clock.advance(minutes=5)

        async def record(**measurements) -> tuple[int, object]:  # type: ignore[no-untyped-def]
            answer = await client.post(
                "/api/v1/events",
                headers=admin,
                json={
                    "touchpoint": "call",
                    "unit": "OUT1",
                    "occurred_at": "2026-11-20T09:04:00Z",
                    "measurements": measurements,
                },
            )
            body = answer.json()
            return answer.status_code, body["outcome"] if answer.status_code == 201 else body["errors"][0]["message"]

        assert await record(stars=5) == (201, "pass")
        assert await record(stars=3, score=75) == (201, "fail")
        assert await record(stars=6) == (422, "must be a whole number from 1 to 5")
        assert await record(stars=4.5) == (422, "must be a whole number from 1 to 5")
        assert await record(score=1e13) == (
            422,
            "must be true or false, a number of at most 1e+12 in size or a text of at most 200 characters (no NUL)",
        )
        assert await record(mood="good") == (422, "no control of call version 1 reads it (it reads stars, score)")
