"""Each intake is recorded as a service event on the ``complaints.intake`` touchpoint, at
the unit and by the person who took it; it is judged against whatever standard the bank
published for it. The plugin's own default standard loads through the core's TOML import
and is never published behind the bank's back."""

from __future__ import annotations

import datetime as dt

from litestar.testing import AsyncTestClient

from plugins.complaints import DEFAULT_STANDARD


async def event_of(client: AsyncTestClient, headers: dict[str, str], taken: dict) -> dict:
    return (await client.get(f"/api/v1/events/{taken['intake_event']}", headers=headers)).json()


async def test_an_intake_is_unjudged_until_the_bank_publishes_the_default_standard(
    client: AsyncTestClient, token_for, complaints_on, file, clock
) -> None:
    desk = await token_for("lobby_manager", "OUT1")
    event = await event_of(client, desk, await file("OUT1", headers=desk, told_time_limit=True))
    assert (event["touchpoint"], event["unit"], event["outcome"], event["standard_version"]) == (
        "complaints.intake",
        "OUT1",
        "none",
        None,
    )
    assert event["measurements"] == {"record_complete": True, "registered_within_h": 0.0, "told_time_limit": True}
    assert event["staff"] == (await client.get("/api/v1/me", headers=desk)).json()["id"]

    admin = await token_for("admin", "HO")
    assert (await client.get("/api/v1/touchpoints/complaints.intake/standard.toml", headers=admin)).status_code == 404
    draft = await client.post("/api/v1/standards/import", content=DEFAULT_STANDARD.read_bytes(), headers=admin)
    assert draft.status_code == 201, draft.text
    assert draft.json()["status"] == "draft" and draft.json()["touchpoint"] == "complaints.intake"
    published = await client.post(
        f"/api/v1/standards/{draft.json()['id']}/publish", json={"reason": "投诉受理标准"}, headers=admin
    )
    assert published.status_code == 200, published.text
    clock.advance(hours=31)  # a complaint received after publication, registered 30 hours later

    call_centre = await token_for("operations", "HO", service=True)
    late = await file(
        "OUT1",
        headers=call_centre,
        channel="phone",
        told_time_limit=False,
        reference_given=True,
        received_at=(clock.now() - dt.timedelta(hours=30)).isoformat(),
    )
    event = await event_of(client, admin, late)
    assert (event["unit"], event["channel"], event["staff"], event["outcome"]) == ("HO", "phone", None, "fail")
    assert {e["key"]: e["passed"] for e in event["evaluation"]} == {
        "complete": True,
        "registered": False,
        "time_limit": False,
        "reference": True,
    }
    ncs = (
        await client.get("/api/v1/nonconformities", params={"touchpoint": "complaints.intake"}, headers=admin)
    ).json()["items"]
    assert sorted(nc["control_key"] for nc in ncs) == ["registered", "time_limit"]
