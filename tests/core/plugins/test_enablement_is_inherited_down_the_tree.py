"""A plugin switched on at a unit is on below it until a unit below switches it off; clearing
a unit's own switch makes it inherit again. Hooks reach the plugin only where it is on."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.support import Recorder

OUTLETS = ("OUT1", "OUT2", "OUT3", "OUT4")


async def state(client: AsyncTestClient, headers: dict[str, str], unit: str) -> tuple[bool, str, str | None]:
    states = {s["plugin"]: s for s in (await client.get(f"/api/v1/units/{unit}/plugins", headers=headers)).json()}
    recorder = states["recorder"]
    return recorder["enabled"], recorder["source"], recorder["decided_at"]


async def test_a_switch_at_a_branch_is_inherited_until_a_sub_branch_switches_it_off(
    recording_client: AsyncTestClient, token_for
) -> None:
    client, admin = recording_client, await token_for("admin", "HO")
    assert await state(client, admin, "OUT1") == (False, "default", None)
    on = await client.put(
        "/api/v1/units/BR1/plugins/recorder", json={"enabled": True, "reason": "北分推广"}, headers=admin
    )
    assert on.status_code == 200, on.text
    assert {s["plugin"]: s["source"] for s in on.json()}["recorder"] == "explicit"
    assert await state(client, admin, "OUT1") == (True, "inherited", "BR1")
    await client.put("/api/v1/units/SB2/plugins/recorder", json={"enabled": False, "reason": "海淀暂缓"}, headers=admin)
    assert {u: await state(client, admin, u) for u in OUTLETS} == {
        "OUT1": (True, "inherited", "BR1"),
        "OUT2": (True, "inherited", "BR1"),
        "OUT3": (False, "inherited", "SB2"),
        "OUT4": (False, "default", None),
    }
    assert await state(client, admin, "SB2") == (False, "explicit", "SB2")
    cleared = await client.delete("/api/v1/units/SB2/plugins/recorder", params={"reason": "恢复"}, headers=admin)
    assert cleared.status_code == 200, cleared.text
    assert await state(client, admin, "OUT3") == (True, "inherited", "BR1")
    assert await state(client, admin, "SB2") == (True, "inherited", "BR1")


async def test_the_core_defaults_are_always_on_and_listed_first(recording_client: AsyncTestClient, token_for) -> None:
    states = (
        await recording_client.get("/api/v1/units/OUT4/plugins", headers=await token_for("teller", "OUT4"))
    ).json()
    assert states[0] == {"plugin": "core", "enabled": True, "source": "always", "decided_at": None}
    assert "recorder" in [s["plugin"] for s in states]


async def test_hooks_reach_the_plugin_only_where_it_is_on(
    recording_client: AsyncTestClient, token_for, recorder: Recorder
) -> None:
    client, admin = recording_client, await token_for("admin", "HO")
    await client.put("/api/v1/units/BR1/plugins/recorder", json={"enabled": True, "reason": "北分推广"}, headers=admin)
    await client.put("/api/v1/units/SB2/plugins/recorder", json={"enabled": False, "reason": "海淀暂缓"}, headers=admin)
    for unit, name in (("OUT1", "望京客户"), ("OUT3", "中关村客户"), ("OUT4", "陆家嘴客户")):
        body = {"kind": "retail", "name": name, "unit": unit, "reason": "开户"}
        response = await client.post("/api/v1/clients", json=body, headers=await token_for("customer_manager", unit))
        assert response.status_code == 201, response.text
    assert [(name, call["unit"]) for name, call in recorder.calls] == [("client_created", "OUT1")]


async def test_switches_are_audited_and_listed_with_the_plugin(recording_client: AsyncTestClient, token_for) -> None:
    client, admin = recording_client, await token_for("admin", "HO")
    await client.put("/api/v1/units/BR1/plugins/recorder", json={"enabled": True, "reason": "北分推广"}, headers=admin)
    await client.put("/api/v1/units/SB2/plugins/recorder", json={"enabled": False, "reason": "海淀暂缓"}, headers=admin)
    await client.put("/api/v1/units/SB2/plugins/recorder", json={"enabled": True, "reason": "海淀开通"}, headers=admin)
    await client.delete("/api/v1/units/SB2/plugins/recorder", params={"reason": "随分行"}, headers=admin)
    entries = (
        await client.get(
            "/api/v1/audit", params={"entity": "plugin_enablement", "entity_id": "recorder@SB2"}, headers=admin
        )
    ).json()["items"]
    assert [(e["action"], e["before"], e["after"], e["reason"]) for e in entries] == [
        ("set", {"enabled": None}, {"enabled": False}, "海淀暂缓"),
        ("set", {"enabled": False}, {"enabled": True}, "海淀开通"),
        ("clear", {"enabled": True}, {"enabled": None}, "随分行"),
    ]
    listed = {p["name"]: p for p in (await client.get("/api/v1/plugins", headers=admin)).json()}
    assert listed["recorder"]["enabled_at"] == ["BR1"] and listed["recorder"]["disabled_at"] == []
    assert listed["core"]["always_on"] is True


async def test_switching_to_the_state_already_set_changes_nothing(recording_client: AsyncTestClient, token_for) -> None:
    client, admin = recording_client, await token_for("admin", "HO")
    for _ in range(2):
        await client.put("/api/v1/units/BR1/plugins/recorder", json={"enabled": True, "reason": "推广"}, headers=admin)
        await client.delete("/api/v1/units/SB1/plugins/recorder", params={"reason": "无"}, headers=admin)
    entries = (await client.get("/api/v1/audit", params={"entity": "plugin_enablement"}, headers=admin)).json()["items"]
    assert [e["entity_id"] for e in entries] == ["recorder@BR1"]
