"""Per-unit plugin settings: the schema's defaults, overridden key by key down the tree (the
nearest unit wins), validated against the plugin's Struct, stored only where set, audited."""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from core import hookimpl
from core.api.app import create_app
from core.clock import FrozenClock
from core.context import HookContext
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services.plugin_settings import effective_settings
from core.types import SettingsSchema
from tests.support import Recorder

URL = "/api/v1/units/{}/plugins/birthday/settings"


class BirthdaySettings(msgspec.Struct):
    days_before: int = 3
    channels: list[str] = msgspec.field(default_factory=lambda: ["sms"])
    cake_shop: str | None = None


class Birthday:
    """A plugin with settings only."""

    @hookimpl
    def register_settings_schema(self) -> SettingsSchema:
        return SettingsSchema(plugin="birthday", struct=BirthdaySettings)


@pytest.fixture
async def client(settings, clock, network) -> AsyncIterator[AsyncTestClient]:  # type: ignore[no-untyped-def]
    pm = create_plugin_manager(plugins=[("birthday", Birthday()), ("recorder", Recorder())])
    async with AsyncTestClient(app=create_app(settings, plugin_manager=pm, clock=clock)) as test_client:
        yield test_client


async def put(client: AsyncTestClient, headers: dict[str, str], unit: str, values: dict, reason: str = "调整"):  # type: ignore[no-untyped-def]
    return await client.put(URL.format(unit), json={"values": values, "reason": reason}, headers=headers)


async def test_settings_inherit_key_by_key_from_the_nearest_unit(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    default = (await client.get(URL.format("OUT1"), headers=admin)).json()
    assert default == {
        "plugin": "birthday",
        "unit": "OUT1",
        "set_at": {},
        "values": {"days_before": 3, "channels": ["sms"], "cake_shop": None},
    }
    await put(client, admin, "HO", {"days_before": 7, "channels": ["sms", "call"]})
    await put(client, admin, "BR1", {"days_before": 5})
    answered = await put(client, admin, "OUT1", {"cake_shop": "好利来望京店"})
    assert answered.status_code == 200, answered.text
    at_outlet = (await client.get(URL.format("OUT1"), headers=await token_for("teller", "OUT1"))).json()
    assert at_outlet["values"] == {"days_before": 5, "channels": ["sms", "call"], "cake_shop": "好利来望京店"}
    assert at_outlet["set_at"] == {"days_before": "BR1", "channels": "HO", "cake_shop": "OUT1"}
    elsewhere = (await client.get(URL.format("OUT4"), headers=admin)).json()
    assert elsewhere["values"]["days_before"] == 7 and elsewhere["set_at"] == {"days_before": "HO", "channels": "HO"}


async def test_a_unit_stores_only_the_keys_it_sets_and_changes_are_audited(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await put(client, admin, "SB1", {"days_before": 2}, "提前两天")
    await put(client, admin, "SB1", {"channels": ["wechat"]}, "改用微信")
    await put(client, admin, "SB1", {"channels": ["wechat"]}, "重复")
    assert (await client.get(URL.format("SB1"), headers=admin)).json()["set_at"] == {
        "days_before": "SB1",
        "channels": "SB1",
    }
    entries = (
        await client.get(
            "/api/v1/audit", params={"entity": "plugin_setting", "entity_id": "birthday@SB1"}, headers=admin
        )
    ).json()["items"]
    assert [(e["before"], e["after"], e["reason"]) for e in entries] == [
        ({}, {"days_before": 2}, "提前两天"),
        ({"days_before": 2}, {"days_before": 2, "channels": ["wechat"]}, "改用微信"),
    ]


async def test_a_bad_setting_is_refused_naming_the_field_and_nothing_changes(
    client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    for values, field in [
        ({"days_before": "soon"}, "values.days_before"),
        ({"channels": [1]}, "values.channels[0]"),
        ({"colour": "red", "days_before": 1}, "values.colour"),
    ]:
        response = await put(client, admin, "BR1", values)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field
    assert (await client.get(URL.format("BR1"), headers=admin)).json()["set_at"] == {}


async def test_plugins_without_settings_and_unknown_plugins_are_named_in_a_404(
    client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    for plugin in ("recorder", "nope"):
        response = await client.get(f"/api/v1/units/OUT1/plugins/{plugin}/settings", headers=admin)
        assert response.status_code == 404 and response.json()["plugin"] == plugin


async def test_a_plugin_reads_its_settings_in_force_as_its_struct(
    client: AsyncTestClient, token_for, db, network, clock: FrozenClock
) -> None:
    await put(client, await token_for("admin", "HO"), "SB2", {"days_before": 1})
    pm = create_plugin_manager(plugins=[("birthday", Birthday())])
    async with db.unit_of_work(readonly=True) as session:
        ctx = HookContext(
            session=session, clock=clock, plugins=PluginRuntime(pm), principal=system_principal(network["HO"].ref())
        )
        at_outlet = await effective_settings(ctx, "birthday", network["OUT3"].ref())
    assert at_outlet == BirthdaySettings(days_before=1)
