"""The kit's plugin set: by default every installed plugin, as in production; a test that
names a set (overriding ``touchstone_plugins``, or ``make_app(plugins=...)``) gets exactly
those and the core's defaults, installed ones discovered by name and extra objects
registered as they are; a name that is not installed is refused, naming what is."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from core.plugins import PluginRuntime
from core.testing import AppFactory, TokenFactory, installed_plugins, plugin_manager_for
from tests.support import Recorder


async def plugin_names(client: AsyncTestClient, token_for: TokenFactory) -> set[str]:
    answer = await client.get("/api/v1/plugins", headers=await token_for("admin", "HO"))
    assert answer.status_code == 200, answer.text
    return {plugin["name"] for plugin in answer.json()}


async def test_by_default_the_app_has_every_installed_plugin(client: AsyncTestClient, token_for: TokenFactory) -> None:
    assert {"complaints", "vip_benefits", "acme_lounge"} <= set(installed_plugins())
    assert await plugin_names(client, token_for) == {"core", *installed_plugins()}


@pytest.mark.parametrize("touchstone_plugins", [["acme_lounge"]])
async def test_a_named_set_is_all_the_app_and_the_runtime_load(
    client: AsyncTestClient, token_for: TokenFactory, plugins: PluginRuntime
) -> None:
    assert await plugin_names(client, token_for) == {"core", "acme_lounge"}
    assert {name for name, _ in plugins.pm.list_name_plugin()} == {"core", "acme_lounge"}
    headers = await token_for("admin", "HO")
    assert (await client.get("/api/v1/plugins/complaints/units/HO/complaints", headers=headers)).status_code == 404
    assert (await client.get("/api/v1/plugins/acme_lounge/visits", headers=headers)).json()["plugin"] == "acme_lounge"


async def test_an_extra_object_joins_the_set_under_its_name(
    make_app: AppFactory, network: object, token_for: TokenFactory
) -> None:
    app = make_app(plugins=["vip_benefits", ("recorder", Recorder())])
    async with AsyncTestClient(app=app) as client:
        assert await plugin_names(client, token_for) == {"core", "vip_benefits", "recorder"}


def test_a_plugin_that_is_not_installed_is_refused_by_name() -> None:
    with pytest.raises(LookupError, match=r"no installed plugin named acme_hotel \(installed: .*acme_lounge"):
        plugin_manager_for(["acme_lounge", "acme_hotel"])
