"""The client 360° view shows the client's complaints, the contact masked for roles that do
not need it; when the purge job deletes the client's personal data the complaints lose
theirs too, while the orders stay, anonymised, and the reports still count them."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from core.context import JobContext
from core.jobs import run_job
from core.plugins import PluginRuntime, create_plugin_manager
from tests.plugins.complaints.conftest import order

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries

CLIENT = {
    "kind": "retail",
    "name": "钱多多",
    "unit": "OUT1",
    "reason": "开户",
    "assets_under_management": "900000",
    "phone": "13800001234",
}


async def complained(client: AsyncTestClient, token_for, file) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    created = await client.post("/api/v1/clients", json=CLIENT, headers=await token_for("customer_manager", "OUT1"))
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    oid = (await file("OUT1", client=cid, contact={"phone": "13900001111"}, content="钱多多称柜员态度恶劣"))["summary"][
        "id"
    ]
    head = await token_for("outlet_head", "OUT1")
    for action in ("acknowledge", "investigate"):
        await client.post(order("OUT1", oid, action), json={"note": "联系钱多多本人"}, headers=head)
    await client.post(order("OUT1", oid, "extensions"), json={"reason": "钱多多要求调取录像"}, headers=head)
    await client.post(
        order("OUT1", oid, "resolve"),
        headers=head,
        json={"resolution": "向钱多多致歉", "justified": True, "apology_given": True, "compensation": "50"},
    )
    return cid, oid


async def test_the_view_masks_per_role_and_the_purge_wipes_personal_data_but_keeps_statistics(
    client: AsyncTestClient, token_for, complaints_on, file, db, clock, settings
) -> None:
    cid, oid = await complained(client, token_for, file)
    teller = (await client.get(f"/api/v1/clients/{cid}/view", headers=await token_for("teller", "OUT1"))).json()
    section = next(s for s in teller["sections"] if s["key"] == "complaints")
    assert (section["data"]["total"], section["data"]["open"], section["data"]["justified"]) == (1, 1, 1)
    assert [(i["id"], i["state"], i["contact_phone"]) for i in section["data"]["recent"]] == [
        (oid, "resolved", "139****1111")
    ]
    manager = (
        await client.get(f"/api/v1/clients/{cid}/view", headers=await token_for("customer_manager", "OUT1"))
    ).json()
    assert next(s for s in manager["sections"] if s["key"] == "complaints")["data"]["recent"][0]["contact_phone"] == (
        "13900001111"
    )

    archived = await client.post(
        f"/api/v1/clients/{cid}/archive", json={"reason": "销户"}, headers=await token_for("customer_manager", "OUT1")
    )
    assert archived.status_code == 200, archived.text
    clock.advance(days=31)
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    assert await run_job("archive-purge", job) == "archive-purge: 1 clients purged"

    admin = await token_for("admin", "HO")
    kept = (await client.get(order("OUT1", oid), headers=admin)).json()
    assert (kept["content"], kept["resolution"], kept["summary"]["complainant"]) == (
        "已清除",
        "已清除",
        {"name": None, "phone": None, "email": None},
    )
    assert {s["note"] for s in kept["steps"]} == {""} and kept["extensions"][0]["reason"] == "已清除"
    assert (kept["summary"]["category"], kept["justified"], kept["compensation"]) == ("waiting_time", True, "50.00")
    assert "钱多多" not in str(kept)
    report = (
        await client.get(
            "/api/v1/plugins/complaints/reports",
            headers=admin,
            params={
                "unit": "OUT1",
                "depth": 0,
                "since": "2026-11-01T00:00:00+08:00",
                "until": "2026-12-01T00:00:00+08:00",
            },
        )
    ).json()
    assert [(r["category"], r["complaints"], r["justified_rate"]) for r in report] == [
        (None, 1, 1.0),
        ("waiting_time", 1, 1.0),
    ]
    audit = (
        await client.get(
            "/api/v1/audit",
            params={"entity": "complaints_order", "entity_id": oid},
            headers=await token_for("compliance", "HO"),
        )
    ).json()["items"]
    assert "钱多多" not in str([(e["before"], e["after"]) for e in audit])
    notices = (
        await client.get(
            "/api/v1/outbox", params={"topic": "complaints.client_notice"}, headers=await token_for("operations", "HO")
        )
    ).json()["items"]
    assert [(m["status"], "13900001111" in str(m["payload"])) for m in notices] == [("failed", False)]
