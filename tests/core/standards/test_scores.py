"""Scores list their components with weights; the customer-manager scorecard follows the
manual (targets 40 + 20, process 40, adjustments ±20)."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.core.standards.test_compliance_reports import _setup, event

QUARTER = {"since": "2026-10-01T00:00:00+08:00", "until": "2027-01-01T00:00:00+08:00"}


async def test_a_units_service_quality_shows_its_compliance_component(
    client: AsyncTestClient, token_for, clock
) -> None:
    admin = await token_for("admin", "HO")
    await _setup(client, admin, clock)
    await client.post(
        "/api/v1/events/batch",
        json={
            "events": [event("OUT1", 5, "2026-11-25T10:00:00+08:00"), event("OUT1", 30, "2026-11-26T10:00:00+08:00")]
        },
        headers=admin,
    )
    score = (
        await client.get("/api/v1/scores/units/SB1", params=QUARTER, headers=await token_for("sub_branch_head", "SB1"))
    ).json()
    assert score["total"] == "50.00"
    assert score["components"][0]["key"] == "compliance" and score["components"][0]["weight"] == "100"


async def test_the_scorecard_adds_targets_process_and_capped_adjustments(
    client: AsyncTestClient, token_for, clock
) -> None:
    admin = await token_for("admin", "HO")
    await _setup(client, admin, clock)
    cm = (
        await client.post(
            "/api/v1/staff",
            json={
                "employee_no": "CM1",
                "name": "高远",
                "unit": "OUT1",
                "roles": ["customer_manager"],
                "reason": "入职",
            },
            headers=admin,
        )
    ).json()
    await client.post(
        "/api/v1/events", json={**event("OUT1", 5, "2026-11-25T10:00:00+08:00"), "staff": cm["id"]}, headers=admin
    )
    head = await token_for("outlet_head", "OUT1")
    url = f"/api/v1/scorecards/{cm['id']}/assessments"
    for item, value in (
        ("marketing", "0.9"),
        ("basic_service", "8"),
        ("service_quality", "9"),
        ("work_planning", "7"),
        ("product_knowledge", "8"),
        ("adjustment", "25"),
    ):
        response = await client.put(
            url, json={**QUARTER, "item": item, "value": value, "note": "季度考核"}, headers=head
        )
        if item == "adjustment":
            assert response.status_code == 422 and response.json()["errors"][0]["field"] == "value"
    await client.put(url, json={**QUARTER, "item": "adjustment", "value": "5", "note": "获评服务明星"}, headers=head)
    card = (await client.get(f"/api/v1/scorecards/{cm['id']}", params=QUARTER, headers=head)).json()
    points = {c["key"]: c["points"] for c in card["components"]}
    assert points == {"marketing": "36.00", "compliance": "20.00", "process": "32.00", "adjustment": "5"}
    assert card["total"] == "93.00"
    assert (
        await client.get(f"/api/v1/scorecards/{cm['id']}", params=QUARTER, headers=await token_for("teller", "OUT1"))
    ).status_code == 403


async def test_a_clients_value_lists_assets_and_deposits_and_gives_the_tier(client: AsyncTestClient, token_for) -> None:
    cm = await token_for("customer_manager", "OUT1")
    cid = (
        await client.post(
            "/api/v1/clients",
            json={
                "kind": "retail",
                "name": "林峰",
                "unit": "OUT1",
                "reason": "开户",
                "assets_under_management": "520000",
                "deposits": "100000",
            },
            headers=cm,
        )
    ).json()["id"]
    value = (await client.get(f"/api/v1/scores/clients/{cid}", headers=cm)).json()
    assert value["tier"] == "gold"
    assert [(c["key"], c["points"]) for c in value["components"]] == [
        ("assets_under_management", "520000.00"),
        ("deposits", "100000.00"),
    ]
