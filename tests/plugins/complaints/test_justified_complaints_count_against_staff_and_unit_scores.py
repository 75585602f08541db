"""A justified complaint counts against the member of staff complained about (their
service-quality score and the customer-manager scorecard's adjustments) and against the
unit's subtree, with the weight, from the unit's settings, visible in the breakdown."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import order

PERIOD = {"since": "2026-11-01T00:00:00+08:00", "until": "2026-12-01T00:00:00+08:00"}


async def resolved(client: AsyncTestClient, token_for, file, staff: str, justified: bool) -> None:  # type: ignore[no-untyped-def]
    oid = (await file("OUT1", staff=staff))["summary"]["id"]
    head = await token_for("outlet_head", "OUT1")
    for action in ("acknowledge", "investigate"):
        await client.post(order("OUT1", oid, action), json={}, headers=head)
    done = await client.post(
        order("OUT1", oid, "resolve"),
        headers=head,
        json={"resolution": "核实处理", "justified": justified, "apology_given": justified},
    )
    assert done.status_code == 200, done.text


def complaints_part(breakdown: dict) -> tuple[str, str, str]:
    part = next(c for c in breakdown["components"] if c["key"] == "complaints.justified")
    return part["value"], part["weight"], part["points"]


async def test_justified_complaints_cost_points_with_their_weight_shown(
    client: AsyncTestClient, token_for, complaints_on, file
) -> None:
    manager = await token_for("customer_manager", "OUT1")
    staff = (await client.get("/api/v1/me", headers=manager)).json()["id"]
    for justified in (True, True, False):
        await resolved(client, token_for, file, staff, justified)
    scores = await token_for("admin", "HO")
    assert complaints_part(
        (await client.get(f"/api/v1/scores/staff/{staff}", params=PERIOD, headers=scores)).json()
    ) == ("2", "-2", "-4")
    card = (await client.get(f"/api/v1/scorecards/{staff}", params=PERIOD, headers=scores)).json()
    assert complaints_part(card) == ("2", "-2", "-4")
    assert complaints_part((await client.get("/api/v1/scores/units/SB1", params=PERIOD, headers=scores)).json()) == (
        "2",
        "-1",
        "-2",
    )
    assert complaints_part((await client.get("/api/v1/scores/units/SB2", params=PERIOD, headers=scores)).json()) == (
        "0",
        "-1",
        "0",
    )
    await client.put(
        "/api/v1/units/HO/plugins/complaints/settings",
        json={"values": {"staff_points_per_justified": -5}, "reason": "加大考核力度"},
        headers=scores,
    )
    assert complaints_part(
        (await client.get(f"/api/v1/scores/staff/{staff}", params=PERIOD, headers=scores)).json()
    ) == ("2", "-5", "-10")
