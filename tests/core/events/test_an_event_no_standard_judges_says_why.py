"""An event that no standard judges is recorded, and its answer says so and why: no standard
in force for the touchpoint at the unit and time, or none of what the version measures was
given. Before, the answer was a bare 201 with outcome ``none``, the same as a judged
event's shape. Where no standard is in force, the general rules still keep junk out."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.core.events.conftest import Spy, stored

EVENT = {"touchpoint": "counter", "unit": "OUT1", "occurred_at": "2026-11-20T09:40:00Z"}


async def test_without_a_standard_in_force_the_answer_says_so(spied: AsyncTestClient, token_for, db, spy: Spy) -> None:
    admin, teller = await token_for("admin", "HO"), await token_for("teller", "OUT1")
    await spied.post(
        "/api/v1/touchpoints", json={"code": "lobby", "name": "大堂引导", "channel": "branch"}, headers=admin
    )
    unread = await spied.post(
        "/api/v1/events", json={**EVENT, "touchpoint": "lobby", "measurements": {"guided": True}}, headers=teller
    )
    assert unread.status_code == 201, unread.text
    assert (unread.json()["judged"], unread.json()["outcome"], unread.json()["standard_version"]) == (
        False,
        "none",
        None,
    )
    assert unread.json()["reason"] == "no standard in force for lobby at OUT1 on 2026-11-20T09:40:00+00:00"
    before = await spied.post(
        "/api/v1/events", json={**EVENT, "occurred_at": "2026-11-20T16:30:00+08:00"}, headers=teller
    )
    assert before.json()["reason"] == "no standard in force for counter at OUT1 on 2026-11-20T16:30:00+08:00"
    assert await stored(db) == (2, 0) and len(spy.recorded) == 2


async def test_with_nothing_the_version_measures_the_answer_names_what_it_measures(
    spied: AsyncTestClient, token_for
) -> None:
    teller = await token_for("teller", "OUT1")
    empty = (await spied.post("/api/v1/events", json=EVENT, headers=teller)).json()
    assert (empty["judged"], empty["outcome"], empty["standard_version"]) == (False, "none", 1)
    assert empty["reason"] == "none of what counter version 1 measures was given (wait_minutes, service_log_written)"
    judged = (
        await spied.post("/api/v1/events", json={**EVENT, "measurements": {"wait_minutes": 3}}, headers=teller)
    ).json()
    assert (judged["judged"], judged["reason"], judged["outcome"]) == (True, None, "pass")


async def test_a_batch_says_the_same_of_each_item(spied: AsyncTestClient, token_for) -> None:
    batch = {"events": [EVENT, {**EVENT, "measurements": {"service_log_written": False}}]}
    answer = (await spied.post("/api/v1/events/batch", json=batch, headers=await token_for("teller", "OUT1"))).json()
    assert [(a["index"], a["judged"], a["outcome"]) for a in answer["accepted"]] == [
        (0, False, "none"),
        (1, True, "fail"),
    ]
    assert answer["accepted"][0]["reason"].startswith("none of what counter version 1 measures was given")


async def test_where_no_standard_is_in_force_junk_is_still_refused(spied: AsyncTestClient, token_for, db) -> None:
    admin, teller = await token_for("admin", "HO"), await token_for("teller", "OUT1")
    await spied.post(
        "/api/v1/touchpoints", json={"code": "lobby", "name": "大堂引导", "channel": "branch"}, headers=admin
    )
    general = "must be true or false, a number of at most 1e+12 in size or a text of at most 200 characters (no NUL)"
    for value in (1e13, -1e308, "长" * 201):
        answer = await spied.post(
            "/api/v1/events", json={**EVENT, "touchpoint": "lobby", "measurements": {"queue": value}}, headers=teller
        )
        assert answer.status_code == 422 and answer.json()["errors"] == [
            {"field": "measurements.queue", "message": general}
        ]
    for nul in ({"queue": "a\x00b"}, {"\x00": 1}):  # the app's NUL guard refuses these before any rule
        answer = await spied.post(
            "/api/v1/events", json={**EVENT, "touchpoint": "lobby", "measurements": nul}, headers=teller
        )
        assert answer.status_code == 422 and answer.json()["errors"][0]["field"].startswith("measurements")
    for key in ("Queue", "排队"):  # no standard could ever read these
        answer = await spied.post(
            "/api/v1/events", json={**EVENT, "touchpoint": "lobby", "measurements": {key: 1}}, headers=teller
        )
        assert answer.status_code == 422 and answer.json()["errors"] == [
            {
                "field": f"measurements.{key}",
                "message": "is no metric name (a small letter, then small letters, digits or _)",
            }
        ]
    assert await stored(db) == (0, 0)
