"""A plugin route that serves a client named in its body declares ``AT_RECORD``: the plugin is
checked at the client's unit, not the caller's, so head-office staff record a lounge visit for a
client of the pilot sub-branch without naming a unit; a caller whose whole subtree has the
plugin off still reaches nothing of it."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.core.plugins.test_sample_plugin_routes_answer_only_where_enabled import GOLD, URL, disabled, switch


async def test_head_office_records_a_visit_for_a_client_of_the_pilot(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await switch(client, admin, "SB1", True)
    opened = await client.post("/api/v1/clients", json=GOLD, headers=await token_for("customer_manager", "OUT1"))
    gold = opened.json()["id"]
    recorded = await client.post(URL, json={"client": gold, "airport": "PEK"}, headers=admin)
    assert recorded.status_code == 201 and recorded.json()["unit"] == "OUT1", recorded.text
    assert disabled(
        await client.post(URL, json={"client": gold, "airport": "PEK"}, headers=await token_for("teller", "OUT3")),
        "OUT3",
    )
