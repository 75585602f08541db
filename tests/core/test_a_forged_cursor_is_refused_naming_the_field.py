"""Every paginated list, of the core or of any installed plugin, refuses a cursor it did not hand
out with a 422 naming ``cursor``: base64 of ``null``, of text, of a list or of a number too large
for a row id (they once reached the database and answered 500). Every list cuts its pages with
``core.api.pagination``, so the lists not addressed by a record's id stand for all."""

from __future__ import annotations

import base64

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.db.engine import Database
from core.models import OrgUnit
from core.testing import enable
from tests.core.auth.test_every_route_checks_role import concrete

FORGED = ["null", '"x"', "[1]", "{}", "-1", "1.5", str(2**64), '["2026-11-20T00:00:00", "move", 99999999999999999999]']


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.fixture
async def everywhere(db: Database, network: dict[str, OrgUnit], app: Litestar) -> None:
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])


async def test_every_list_refuses_a_cursor_it_did_not_hand_out(
    app: Litestar, client: AsyncTestClient, token_for, everywhere: None
) -> None:
    lists = [
        route.path
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        if "cursor" in handler.parsed_fn_signature.parameters
        and "GET" in handler.http_methods
        and set(route.path_parameters) <= {"unit_code"}
    ]  # a record named by id would be looked up first
    assert {"/api/v1/clients", "/api/v1/units/{unit_code:str}/history", "/api/v1/plugins/vip_benefits/perks"} <= set(
        lists
    )
    admin = await token_for("admin", "HO")
    for path in lists:
        for forged in FORGED:
            answer = await client.get(
                concrete(path).replace("OUT1", "HO"), params={"cursor": cursor(forged)}, headers=admin
            )
            assert answer.status_code == 422, (path, forged, answer.text)
            assert answer.json()["errors"] == [{"field": "cursor", "message": "不是本 API 返回的分页游标"}]
