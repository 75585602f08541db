"""Standards are drafted, piloted and published; each event is judged by the version in force
at its unit and time; failed controls open nonconformities."""

from __future__ import annotations

import asyncio

from litestar.testing import AsyncTestClient

COUNTER = {
    "title": "柜面服务标准",
    "outputs": {"scope": "柜面业务办理", "procedure": ["起身迎接", "双手递接", "唱收唱付"], "etiquette": ["微笑服务"]},
    "inputs": {"facilities": ["叫号机"]},
    "controls": [
        {
            "key": "wait",
            "name": "等候时间",
            "kind": "compare",
            "metric": "wait_minutes",
            "comparator": "<=",
            "threshold": 15,
            "unit": "min",
            "severity": "major",
        },
        {"key": "log", "name": "服务日志", "kind": "boolean", "metric": "service_log_written", "threshold": True},
    ],
}


async def _published(client: AsyncTestClient, admin: dict[str, str], clock) -> str:  # type: ignore[no-untyped-def]
    """Publish the counter standard at 09:00 UTC and let an hour pass."""
    await client.post(
        "/api/v1/touchpoints", json={"code": "counter", "name": "柜面服务", "channel": "branch"}, headers=admin
    )
    draft = await client.post("/api/v1/touchpoints/counter/versions", json={"content": COUNTER}, headers=admin)
    assert draft.status_code == 201, draft.text
    published = await client.post(
        f"/api/v1/standards/{draft.json()['id']}/publish", json={"reason": "发布"}, headers=admin
    )
    assert published.json()["status"] == "published"
    clock.advance(hours=1)
    return published.json()["id"]


async def test_an_event_is_evaluated_and_a_failed_control_opens_a_nonconformity(
    client: AsyncTestClient, token_for, clock
) -> None:
    await _published(client, await token_for("admin", "HO"), clock)
    teller = await token_for("teller", "OUT1")
    event = {
        "touchpoint": "counter",
        "unit": "OUT1",
        "occurred_at": "2026-11-20T17:30:00+08:00",
        "measurements": {"wait_minutes": 22, "service_log_written": True},
    }
    answer = await client.post("/api/v1/events", json=event, headers=teller)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["outcome"] == "fail" and body["standard_version"] == 1
    assert body["evaluation"][0] == {
        "key": "wait",
        "name": "等候时间",
        "kind": "compare",
        "passed": False,
        "measured": 22,
        "expected": 15,
        "unit": "min",
        "severity": "major",
    }
    ncs = (await client.get("/api/v1/nonconformities", headers=await token_for("outlet_head", "OUT1"))).json()["items"]
    assert [(n["control_key"], n["status"], n["due_at"][:10]) for n in ncs] == [("wait", "open", "2026-11-23")]


async def test_a_nonconformity_goes_through_action_verification_and_closure(
    client: AsyncTestClient, token_for, clock
) -> None:
    await _published(client, await token_for("admin", "HO"), clock)
    await client.post(
        "/api/v1/events",
        json={
            "touchpoint": "counter",
            "unit": "OUT1",
            "occurred_at": "2026-11-20T09:40:00Z",
            "measurements": {"service_log_written": False},
        },
        headers=await token_for("teller", "OUT1"),
    )
    head, checker = await token_for("outlet_head", "OUT1"), await token_for("sub_branch_head", "SB1")
    nc = (await client.get("/api/v1/nonconformities", headers=head)).json()["items"][0]["id"]
    early_close = await client.post(f"/api/v1/nonconformities/{nc}/close", json={"note": "x"}, headers=checker)
    assert early_close.status_code == 409 and early_close.json()["allowed"] == ["action_recorded"]
    await client.post(f"/api/v1/nonconformities/{nc}/action", json={"action": "晨会强调日志"}, headers=head)
    assert (
        await client.post(
            f"/api/v1/nonconformities/{nc}/verify", json={"effective": True, "note": "抽查合格"}, headers=checker
        )
    ).json()["status"] == "verified"
    closed = await client.post(f"/api/v1/nonconformities/{nc}/close", json={"note": "关闭"}, headers=checker)
    assert closed.json()["status"] == "closed"


async def test_a_pilot_is_in_force_only_in_its_subtree_until_published(
    client: AsyncTestClient, token_for, clock
) -> None:
    admin = await token_for("admin", "HO")
    await _published(client, admin, clock)
    stricter = {**COUNTER, "controls": [{**COUNTER["controls"][0], "threshold": 10}]}
    draft = (
        await client.post("/api/v1/touchpoints/counter/versions", json={"content": stricter}, headers=admin)
    ).json()
    piloted = await client.post(
        f"/api/v1/standards/{draft['id']}/pilot", json={"units": ["SB1"], "reason": "试点"}, headers=admin
    )
    assert piloted.json()["status"] == "pilot" and piloted.json()["pilot_units"] == ["SB1"]
    clock.advance(minutes=10)
    event = {"touchpoint": "counter", "occurred_at": "2026-11-20T10:05:00Z", "measurements": {"wait_minutes": 12}}
    in_pilot = (await client.post("/api/v1/events", json={**event, "unit": "OUT1"}, headers=admin)).json()
    elsewhere = (await client.post("/api/v1/events", json={**event, "unit": "OUT3"}, headers=admin)).json()
    assert (in_pilot["standard_version"], in_pilot["outcome"]) == (2, "fail")
    assert (elsewhere["standard_version"], elsewhere["outcome"]) == (1, "pass")
    await client.post(f"/api/v1/standards/{draft['id']}/publish", json={"reason": "推广"}, headers=admin)
    clock.advance(minutes=10)
    after = (
        await client.post(
            "/api/v1/events", json={**event, "unit": "OUT3", "occurred_at": "2026-11-20T10:15:00Z"}, headers=admin
        )
    ).json()
    assert after["standard_version"] == 2
    versions = (await client.get("/api/v1/touchpoints/counter/versions", headers=admin)).json()
    assert [v["status"] for v in versions] == ["retired", "published"]


async def test_a_batch_stores_the_good_items_names_the_bad_and_replays_by_key(
    client: AsyncTestClient, token_for, clock
) -> None:
    await _published(client, await token_for("admin", "HO"), clock)
    teller = await token_for("teller", "OUT1")
    good = {
        "touchpoint": "counter",
        "unit": "OUT1",
        "occurred_at": "2026-11-20T09:40:00Z",
        "measurements": {"wait_minutes": 3},
    }
    batch = {"events": [good, {**good, "touchpoint": "nope"}, {**good, "unit": "OUT4"}, good]}
    headers = {**teller, "Idempotency-Key": "batch-001"}
    first = await client.post("/api/v1/events/batch", json=batch, headers=headers)
    assert first.status_code == 200, first.text
    assert [a["index"] for a in first.json()["accepted"]] == [0, 3]
    assert [(r["index"], r["reasons"][0]["field"]) for r in first.json()["rejected"]] == [
        (1, "touchpoint"),
        (2, "unit"),
    ]
    again = await client.post("/api/v1/events/batch", json=batch, headers=headers)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert len((await client.get("/api/v1/events", headers=teller)).json()["items"]) == 2
    changed = await client.post("/api/v1/events/batch", json={"events": [good]}, headers=headers)
    assert changed.status_code == 422


async def test_a_control_that_breaks_its_kinds_rules_is_refused_naming_the_field(
    client: AsyncTestClient, token_for, clock
) -> None:
    admin = await token_for("admin", "HO")
    await client.post(
        "/api/v1/touchpoints", json={"code": "lobby", "name": "大堂引导", "channel": "branch"}, headers=admin
    )
    bad = {**COUNTER, "controls": [{**COUNTER["controls"][0], "threshold": "fifteen"}]}
    response = await client.post("/api/v1/touchpoints/lobby/versions", json={"content": bad}, headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "controls[0].threshold", "message": "threshold must be a number"}]


async def test_two_batches_racing_with_one_key_store_one_and_refuse_the_other(
    client: AsyncTestClient, token_for, clock
) -> None:
    await _published(client, await token_for("admin", "HO"), clock)
    teller = {**await token_for("teller", "OUT1"), "Idempotency-Key": "race-1"}
    good = {
        "touchpoint": "counter",
        "unit": "OUT1",
        "occurred_at": "2026-11-20T09:40:00Z",
        "measurements": {"wait_minutes": 3},
    }
    answers = await asyncio.gather(
        *[client.post("/api/v1/events/batch", json={"events": [good]}, headers=teller) for _ in range(2)]
    )
    assert sorted(a.status_code for a in answers) in ([200, 200], [200, 409])
    assert len((await client.get("/api/v1/events", headers=teller)).json()["items"]) == 1
