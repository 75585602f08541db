"""Per-unit plugin settings: schema defaults, overridden key by key down the tree, validated."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

URL = "/api/v1/units/{}/plugins/acme_lounge/settings"


async def test_settings_inherit_key_by_key_from_the_nearest_unit(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    default = (await client.get(URL.format("OUT1"), headers=admin)).json()
    assert default["values"] == {"free_visits_per_year": 4, "partner_airports": ["PEK", "PVG"]} and default["set_at"] == {}
    await client.put(URL.format("BR1"), json={"values": {"free_visits_per_year": 6}, "reason": "北分加码"}, headers=admin)
    await client.put(URL.format("OUT1"), json={"values": {"partner_airports": ["PKX"]}, "reason": "大兴机场"}, headers=admin)
    at_outlet = (await client.get(URL.format("OUT1"), headers=admin)).json()
    assert at_outlet["values"] == {"free_visits_per_year": 6, "partner_airports": ["PKX"]}
    assert at_outlet["set_at"] == {"free_visits_per_year": "BR1", "partner_airports": "OUT1"}
    assert (await client.get(URL.format("OUT4"), headers=admin)).json()["values"]["free_visits_per_year"] == 4


async def test_a_bad_setting_is_refused_naming_the_field_and_nothing_changes(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    wrong_type = await client.put(URL.format("BR1"), json={"values": {"free_visits_per_year": "many"}, "reason": "x"},
                                  headers=admin)
    assert wrong_type.status_code == 422 and "free_visits_per_year" in wrong_type.json()["detail"]
    unknown = await client.put(URL.format("BR1"), json={"values": {"colour": "red"}, "reason": "x"}, headers=admin)
    assert unknown.status_code == 422 and unknown.json()["errors"] == [
        {"field": "values.colour", "message": "not a setting of this plugin"}]
    assert (await client.get(URL.format("BR1"), headers=admin)).json()["set_at"] == {}
