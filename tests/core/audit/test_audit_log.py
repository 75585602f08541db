"""Every write by a principal leaves an audit entry: who, when, unit, entity, before/after, why."""

from __future__ import annotations

from litestar.testing import AsyncTestClient


async def test_a_client_change_is_audited_with_before_after_and_reason(client: AsyncTestClient, token_for) -> None:
    cm = await token_for("customer_manager", "OUT1")
    cid = (
        await client.post(
            "/api/v1/clients", json={"kind": "retail", "name": "郑爽", "unit": "OUT1", "reason": "开户"}, headers=cm
        )
    ).json()["id"]
    await client.patch(f"/api/v1/clients/{cid}", json={"reason": "客户更名", "name": "郑双"}, headers=cm)
    entries = (
        await client.get(
            "/api/v1/audit", params={"entity": "client", "entity_id": cid}, headers=await token_for("compliance", "HO")
        )
    ).json()["items"]
    assert [e["action"] for e in entries] == ["created", "updated"]
    update = entries[1]
    assert update["before"] == {"name": "郑爽"} and update["after"] == {"name": "郑双"}
    assert update["reason"] == "客户更名" and update["unit"] == "OUT1"
    assert update["actor"].startswith("staff:st_") and update["at"].startswith("2026-11-20T09:00")


async def test_the_audit_log_shows_only_the_readers_subtree(client: AsyncTestClient, token_for) -> None:
    for unit in ("OUT1", "OUT4"):
        await client.post(
            "/api/v1/clients",
            json={"kind": "retail", "name": "甲", "unit": unit, "reason": "开户"},
            headers=await token_for("customer_manager", unit),
        )
    branch = (
        await client.get("/api/v1/audit", params={"entity": "client"}, headers=await token_for("compliance", "BR1"))
    ).json()["items"]
    assert {e["unit"] for e in branch} == {"OUT1"}
    assert (await client.get("/api/v1/audit", headers=await token_for("teller", "HO"))).status_code == 403


async def test_a_plugin_switch_is_audited(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await client.put("/api/v1/units/BR1/plugins/acme_lounge", json={"enabled": True, "reason": "试点"}, headers=admin)
    entries = (await client.get("/api/v1/audit", params={"entity": "plugin_enablement"}, headers=admin)).json()["items"]
    assert entries[-1]["entity_id"] == "acme_lounge@BR1"
    assert entries[-1]["before"] == {"enabled": None} and entries[-1]["after"] == {"enabled": True}
