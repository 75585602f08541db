"""SLA policies per category × severity are set at a unit for its subtree, inherited like
settings, audited, checked against the regulator's limits, and applied at once to the open
orders they govern."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import BASE, order

FEES_HIGH = {"category": "fees", "severity": "high"}


def policy_url(unit: str, category: str = "fees", severity: str = "high") -> str:
    return f"{BASE}/units/{unit}/policies/{category}/{severity}"


async def decision_due(client: AsyncTestClient, headers: dict[str, str], unit: str, oid: str) -> str:
    return (await client.get(order(unit, oid), headers=headers)).json()["deadlines"][-1]["due_at"]


async def in_force(client: AsyncTestClient, headers: dict[str, str], unit: str) -> tuple[int, str | None]:
    rows = (await client.get(f"{BASE}/units/{unit}/policies", headers=headers)).json()
    row = next(r for r in rows if (r["category"], r["severity"]) == ("fees", "high"))
    return row["policy"]["decision_days"], row["set_at"]


async def test_a_branch_policy_governs_its_subtree_until_a_unit_below_sets_its_own_within_the_rule(
    client: AsyncTestClient, token_for, complaints_on, file
) -> None:
    admin, branch = await token_for("admin", "HO"), await token_for("branch_service", "BR1")
    here, there = (await file("OUT1", **FEES_HIGH))["summary"]["id"], (await file("OUT4", **FEES_HIGH))["summary"]["id"]
    rows = (await client.get(f"{BASE}/units/OUT1/policies", headers=admin)).json()
    assert len(rows) == 21 and {r["set_at"] for r in rows} == {None}
    assert rows[0]["policy"] == {
        "first_contact_days": 1,
        "first_contact_basis": "working",
        "decision_days": 15,
        "extended_days": 30,
        "further_days": 30,
        "decision_basis": "calendar",
        "clock_stops_while_waiting": True,
    }

    set_ = await client.put(
        policy_url("BR1"), json={"policy": {"decision_days": 10}, "reason": "收费类从严"}, headers=branch
    )
    assert set_.status_code == 200 and set_.json()["set_at"] == "BR1"
    assert await decision_due(client, admin, "OUT1", here) == "2026-11-30T16:00:00Z"
    assert await decision_due(client, admin, "OUT4", there) == "2026-12-07T16:00:00Z"  # 15 days: Saturday → Monday
    assert await in_force(client, admin, "OUT1") == (10, "BR1") and await in_force(client, admin, "OUT4") == (15, None)

    await client.put(policy_url("OUT1"), json={"policy": {"decision_days": 7}, "reason": "试点"}, headers=admin)
    assert await in_force(client, admin, "OUT1") == (7, "OUT1")
    assert await decision_due(client, admin, "OUT1", here) == "2026-11-27T16:00:00Z"
    cleared = await client.delete(policy_url("OUT1"), params={"reason": "试点结束"}, headers=admin)
    assert cleared.status_code == 200 and cleared.json()["set_at"] == "BR1"
    assert await decision_due(client, admin, "OUT1", here) == "2026-11-30T16:00:00Z"
    audit = (
        await client.get(
            "/api/v1/audit", params={"entity": "complaints_sla_policy"}, headers=await token_for("compliance", "HO")
        )
    ).json()["items"]
    assert [(e["action"], e["entity_id"]) for e in audit] == [
        ("set", "fees/high@BR1"),
        ("set", "fees/high@OUT1"),
        ("cleared", "fees/high@OUT1"),
    ]

    for policy, field in (
        ({"decision_days": 16}, "policy.decision_days"),
        ({"decision_days": 10, "extended_days": 8}, "policy.extended_days"),
        ({"further_days": 31}, "policy.further_days"),
    ):
        refused = await client.put(policy_url("HO"), json={"policy": policy, "reason": "x"}, headers=admin)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"].endswith(field), refused.text
    unknown = await client.put(policy_url("HO", "weather"), json={"policy": {}, "reason": "x"}, headers=admin)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "category"
    elsewhere = await client.put(
        policy_url("BR1"), json={"policy": {}, "reason": "x"}, headers=await token_for("branch_service", "BR2")
    )
    assert elsewhere.status_code == 403 and elsewhere.json()["type"].endswith("/out-of-scope")
    nothing = await client.delete(policy_url("OUT1"), params={"reason": "x"}, headers=admin)
    assert nothing.status_code == 404
