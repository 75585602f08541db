"""An authorisation test per route of the plugin: a role without the route's permission gets
403 ``forbidden``; a principal outside the unit gets 403 ``out-of-scope`` (or 404 for an
order named under its own unit that lies elsewhere); a unit where the plugin is off gets
404 ``plugin-disabled``. The table must name every route the plugin mounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.api.app import create_app
from core.config import Settings
from core.testing import enable
from tests.plugins.complaints.conftest import BASE, COMPLAINT

REPORT = {"since": "2026-11-01T00:00:00+08:00", "until": "2026-12-01T00:00:00+08:00"}


@dataclass
class Route:
    method: str
    template: str
    denied: str | None  # a role without the permission (None: every role has it)
    body: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    by_unit: bool = True  # the unit is in the path; else it is the caller's (or ?unit=)

    def url(self, unit: str, oid: str) -> str:
        return BASE + self.template.format(unit=unit, oid=oid, ext="cx_none")


ORDER = "/units/{unit}/complaints/{oid}"
ROUTES = [
    Route("POST", "/units/{unit}/complaints", "risk", COMPLAINT),
    Route("GET", "/units/{unit}/complaints", None),
    Route("GET", "/units/{unit}/complaints/summary", None),
    Route("GET", ORDER, None),
    *[
        Route("POST", f"{ORDER}/{action}", "teller", {})
        for action in ("acknowledge", "investigate", "wait", "resume", "reply", "close")
    ],
    Route("POST", f"{ORDER}/resolve", "teller", {"resolution": "致歉", "justified": True, "apology_given": True}),
    Route("POST", f"{ORDER}/reopen", "risk", {"reason": "客户不认可"}),
    Route("POST", f"{ORDER}/extensions", "teller", {"reason": "复杂"}),
    Route("POST", f"{ORDER}/extensions/{{ext}}/decision", "outlet_head", {"approve": True}),
    Route("GET", "/units/{unit}/policies", None),
    Route("PUT", "/units/{unit}/policies/fees/high", "teller", {"policy": {}, "reason": "x"}),
    Route("DELETE", "/units/{unit}/policies/fees/high", "teller", params={"reason": "x"}),
    Route("GET", "/calendars/CN", None, params={"year": 2026}, by_unit=False),
    Route("POST", "/calendars/CN/seed", "branch_service", {"year": 2026, "reason": "x"}, by_unit=False),
    Route(
        "PUT",
        "/calendars/CN/days/2026-12-31",
        "branch_service",
        {"kind": "holiday", "name": "x", "reason": "x"},
        by_unit=False,
    ),
    Route("DELETE", "/calendars/CN/days/2026-12-31", "branch_service", params={"reason": "x"}, by_unit=False),
    Route("GET", "/reports", "teller", params=REPORT, by_unit=False),
]


def mounted(app: Litestar) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        if route.path.startswith(BASE):
            for handler in getattr(route, "route_handlers", []):
                for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                    found.add((method, route.path.removeprefix(BASE)))
    return found


def template(route: Route) -> str:
    return (
        route.template.replace("{unit}", "{unit_code:str}")
        .replace("{oid}", "{order_id:str}")
        .replace("{ext}", "{extension_id:str}")
        .replace("/CN", "/{region:str}")
        .replace("/2026-12-31", "/{day:str}")
        .replace("/fees/high", "/{category:str}/{severity:str}")
    )


def test_the_table_names_every_route_the_plugin_mounts(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'unused.db'}"))
    assert {(r.method, template(r)) for r in ROUTES} == mounted(app)


@pytest.fixture
async def orders_here_and_where_it_is_off(client: AsyncTestClient, file, db, network, complaints_on) -> dict[str, str]:  # type: ignore[no-untyped-def]
    here, there = (await file("OUT1"))["summary"]["id"], (await file("OUT2"))["summary"]["id"]
    await enable(db, "complaints", network["OUT2"], enabled=False)
    return {"OUT1": here, "OUT2": there}


def kind(response) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    return response.status_code, response.json()["type"].rsplit("/", 1)[1]


async def test_each_route_refuses_a_role_an_outsider_and_a_unit_where_it_is_off(
    client: AsyncTestClient, token_for, orders_here_and_where_it_is_off: dict[str, str]
) -> None:
    oid = orders_here_and_where_it_is_off
    tokens: dict[tuple[str, str], dict[str, str]] = {}

    async def call(route: Route, role: str, at: str, path_unit: str, order_id: str, query_unit: str | None = None):  # type: ignore[no-untyped-def]
        key = (role, at)
        tokens.setdefault(key, await token_for(role, at))
        params = {**route.params, **({"unit": query_unit} if query_unit else {})}
        return await client.request(
            route.method, route.url(path_unit, order_id), json=route.body, params=params, headers=tokens[key]
        )

    for route in ROUTES:
        if route.denied:
            assert kind(await call(route, route.denied, "HO", "OUT1", oid["OUT1"])) == (403, "forbidden"), route
        outsider = await call(route, "admin", "OUT3", "OUT1", oid["OUT1"], None if route.by_unit else "OUT1")
        assert kind(outsider) == (403, "out-of-scope"), route
        if "{oid}" in route.template:
            assert kind(await call(route, "admin", "OUT3", "OUT3", oid["OUT1"])) == (404, "not-found"), route
        off = (
            await call(route, "admin", "HO", "OUT2", oid["OUT2"])
            if route.by_unit
            else await call(route, "admin", "OUT2", "OUT2", oid["OUT2"])
        )
        assert kind(off) == (404, "plugin-disabled") and off.json()["plugin"] == "complaints", route
