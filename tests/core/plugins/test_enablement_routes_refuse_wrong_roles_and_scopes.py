"""Only admins switch plugins, only at units in their subtree; unknown plugins are named in a
404, the core's defaults cannot be switched, and a cleared switch needs a reason."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

ON = {"enabled": True, "reason": "x"}


@pytest.mark.parametrize("role", ["head_office_service", "branch_service", "sub_branch_head", "operations", "teller"])
async def test_only_admins_switch_plugins_or_set_their_settings(
    recording_client: AsyncTestClient, token_for, role: str
) -> None:
    headers = await token_for(role, "HO")
    for method, path, params, body in [
        ("PUT", "/api/v1/units/OUT1/plugins/recorder", {}, ON),
        ("DELETE", "/api/v1/units/OUT1/plugins/recorder", {"reason": "x"}, None),
        ("PUT", "/api/v1/units/OUT1/plugins/recorder/settings", {}, {"values": {}, "reason": "x"}),
    ]:
        response = await recording_client.request(method, path, params=params, json=body, headers=headers)
        assert response.status_code == 403 and response.json()["type"].endswith("/forbidden"), (method, path)
    assert (await recording_client.get("/api/v1/units/OUT1/plugins", headers=headers)).status_code == 200
    assert (await recording_client.get("/api/v1/plugins", headers=headers)).status_code == 200


async def test_units_outside_the_callers_subtree_are_out_of_scope(recording_client: AsyncTestClient, token_for) -> None:
    admin, teller = await token_for("admin", "BR1"), await token_for("teller", "OUT1")
    for headers, method, path, params, body in [
        (admin, "PUT", "/api/v1/units/OUT4/plugins/recorder", {}, ON),
        (admin, "PUT", "/api/v1/units/HO/plugins/recorder", {}, ON),
        (admin, "DELETE", "/api/v1/units/BR2/plugins/recorder", {"reason": "x"}, None),
        (teller, "GET", "/api/v1/units/OUT2/plugins", {}, None),
        (teller, "GET", "/api/v1/units/SB1/plugins/recorder/settings", {}, None),
    ]:
        response = await recording_client.request(method, path, params=params, json=body, headers=headers)
        assert response.status_code == 403 and response.json()["type"].endswith("/out-of-scope"), (method, path)
    assert (
        await recording_client.put("/api/v1/units/OUT1/plugins/recorder", json=ON, headers=admin)
    ).status_code == 200


async def test_an_unknown_plugin_is_named_and_the_core_cannot_be_switched(
    recording_client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    unknown = await recording_client.put("/api/v1/units/OUT1/plugins/nope", json=ON, headers=admin)
    assert unknown.status_code == 404 and unknown.json()["plugin"] == "nope"
    unknown_clear = await recording_client.delete(
        "/api/v1/units/OUT1/plugins/nope", params={"reason": "x"}, headers=admin
    )
    assert unknown_clear.status_code == 404 and unknown_clear.json()["plugin"] == "nope"
    core = await recording_client.put(
        "/api/v1/units/OUT1/plugins/core", json={"enabled": False, "reason": "x"}, headers=admin
    )
    assert core.status_code == 409 and core.json()["plugin"] == "core"


async def test_a_switch_or_a_clear_without_a_reason_is_refused(recording_client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    silent = await recording_client.put(
        "/api/v1/units/OUT1/plugins/recorder", json={"enabled": True, "reason": " "}, headers=admin
    )
    assert silent.status_code == 422 and silent.json()["errors"][0]["field"] == "reason"
    missing = await recording_client.delete("/api/v1/units/OUT1/plugins/recorder", headers=admin)
    assert missing.status_code in (400, 422) and "reason" in missing.text
    states = (await recording_client.get("/api/v1/units/OUT1/plugins", headers=admin)).json()
    assert {s["plugin"]: s["source"] for s in states}["recorder"] == "default"
