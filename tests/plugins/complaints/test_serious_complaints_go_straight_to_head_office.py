"""Serious complaints (privacy, regulator referrals, and whatever a unit's settings add) are
handled at head office from intake, and head office is told through the outbox."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import order


async def test_privacy_referrals_and_what_a_branch_adds_are_handled_at_head_office(
    client: AsyncTestClient, token_for, complaints_on, file
) -> None:
    privacy = (await file("OUT1", category="privacy"))["summary"]
    referral = (await file("OUT3", channel="regulator", headers=await token_for("head_office_service", "HO")))[
        "summary"
    ]
    ordinary = (await file("OUT1"))["summary"]
    assert [(o["serious"], o["handling_unit"], o["escalation_level"]) for o in (privacy, referral, ordinary)] == [
        (True, "HO", 3),
        (True, "HO", 3),
        (False, "OUT1", 0),
    ]
    notices = (
        await client.get(
            "/api/v1/outbox", params={"topic": "complaints.serious"}, headers=await token_for("operations", "HO")
        )
    ).json()["items"]
    assert [(m["payload"]["order"], m["unit"]) for m in notices] == [(privacy["id"], "HO"), (referral["id"], "HO")]
    outlet = await client.post(
        order("OUT1", privacy["id"], "acknowledge"), json={}, headers=await token_for("outlet_head", "OUT1")
    )
    assert outlet.status_code == 403
    head_office = await client.post(
        order("OUT1", privacy["id"], "acknowledge"), json={}, headers=await token_for("head_office_service", "HO")
    )
    assert head_office.status_code == 200

    settings = await client.put(
        "/api/v1/units/BR1/plugins/complaints/settings",
        json={"values": {"serious_categories": ["privacy", "mis_selling"]}, "reason": "销售误导从严"},
        headers=await token_for("admin", "HO"),
    )
    assert settings.status_code == 200, settings.text
    here, there = await file("OUT1", category="mis_selling"), await file("OUT4", category="mis_selling")
    assert (here["summary"]["handling_unit"], there["summary"]["handling_unit"]) == ("HO", "OUT4")
