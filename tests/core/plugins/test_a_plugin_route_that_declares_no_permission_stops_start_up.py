"""Secure by default: a plugin route that requires no permission and is not declared public
stops the app at start-up, with an error naming the plugin and the route; `touchstone serve`
prints it and exits without a traceback. Opting out is a visible declaration
(``opt={"public": True}``), and such a route answers without a token where the plugin is on."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from litestar import Controller, Router, get
from litestar.params import FromPath
from litestar.testing import AsyncTestClient

from core import hookimpl
from core.api.app import create_app
from core.api.auth import Requires, requires
from core.cli import main
from core.config import Settings
from core.errors import PluginRefused
from core.plugins import create_plugin_manager
from core.testing import enable

UNGUARDED_SITE = Path(__file__).parents[2] / "fixtures" / "unguarded_site"


def app_with(name: str, plugin: object, settings: Settings) -> Any:
    return create_app(settings, plugin_manager=create_plugin_manager(plugins=[(name, plugin)]))


def test_the_installed_leaky_plugin_is_refused_naming_it_and_its_route(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(UNGUARDED_SITE))
    with pytest.raises(PluginRefused) as refused:
        create_app(
            Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path}/t.db"),
            plugin_manager=create_plugin_manager(),
        )
    message = str(refused.value)
    assert "leaky_lounge" in message and "GET /api/v1/plugins/leaky_lounge/visitors" in message
    assert "guarded" not in message  # the route that does declare its permission is not blamed


def test_touchstone_serve_prints_the_refusal_and_exits_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(UNGUARDED_SITE))
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TOUCHSTONE_DATABASE_URL", raising=False)
    with socket.create_server(("127.0.0.1", 0)) as taken:  # were the plugin let through, serve stops here
        result = CliRunner().invoke(main, ["serve", "--port", str(taken.getsockname()[1])])
    assert result.exit_code == 1
    assert "leaky_lounge" in result.output and "/api/v1/plugins/leaky_lounge/visitors" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, PluginRefused)


class GuardedAbove:
    """Permissions declared on a controller and on a router count for every route below them."""

    class Visits(Controller):
        path = "/visits"
        guards = [requires("clients.read")]

        @get("/")
        async def visits(self) -> list[str]:
            return []

    @get("/tally")
    async def tally() -> int:
        return 0

    @hookimpl
    def register_routes(self) -> list[Any]:
        return [self.Visits, Router(path="/reports", route_handlers=[self.tally], guards=[requires("reports.read")])]


class OpenHouse:
    """A page meant for people without a token (a survey's, later), declared so on purpose."""

    @get("/units/{unit_code:str}/hours", opt={"public": True})
    async def hours(unit_code: FromPath[str]) -> dict[str, str]:
        return {"unit": unit_code, "hours": "9:00-17:00"}

    @get("/units/{unit_code:str}/visitors", guards=[requires("clients.read")])
    async def visitors(unit_code: FromPath[str]) -> list[str]:
        return []

    @hookimpl
    def register_routes(self) -> list[Any]:
        return [self.hours, self.visitors]


def test_permissions_declared_on_a_controller_or_router_are_enough(settings: Settings) -> None:
    paths = {route.path for route in app_with("guarded_above", GuardedAbove(), settings).routes}
    assert {"/api/v1/plugins/guarded_above/visits", "/api/v1/plugins/guarded_above/reports/tally"} <= paths


async def test_a_route_declared_public_answers_without_a_token_where_the_plugin_is_on(settings, db, network) -> None:
    await enable(db, "open_house", network["SB1"])
    async with AsyncTestClient(app=app_with("open_house", OpenHouse(), settings)) as client:
        opened = await client.get("/api/v1/plugins/open_house/units/OUT1/hours")
        assert opened.status_code == 200, opened.text
        assert opened.json() == {"unit": "OUT1", "hours": "9:00-17:00"}
        elsewhere = await client.get("/api/v1/plugins/open_house/units/OUT3/hours")
        assert elsewhere.status_code == 404 and elsewhere.json()["type"].endswith("/plugin-disabled")
        assert (await client.get("/api/v1/plugins/open_house/units/OUT1/visitors")).status_code == 401


def test_every_bundled_and_sample_plugin_route_requires_a_permission(settings: Settings) -> None:
    app = create_app(settings, plugin_manager=create_plugin_manager())  # discovery: bundled and sample plugins
    handlers = [
        (route.path, handler)
        for route in app.routes
        if route.path.startswith("/api/v1/plugins/")
        for handler in route.route_handlers
        if handler.http_methods - {"OPTIONS"}
    ]
    assert {path.split("/")[4] for path, _ in handlers} >= {"complaints", "vip_benefits", "acme_lounge"}
    public = [
        path
        for path, handler in handlers
        if not any(isinstance(g, Requires) for layer in handler.ownership_layers for g in layer.guards or ())
    ]
    assert public == []  # none of them is even declared public
