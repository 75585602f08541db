"""A JSON body nested too deeply to decode (a hundred thousand brackets) is refused with a 400
problem document on every route that takes a body, of the core and of every plugin, instead of
running out of stack and answering 500; a deep body with a NUL character far inside is refused
naming where it is. A body of many brackets side by side (a batch) is decoded as before."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.db.engine import Database
from core.models import OrgUnit
from core.testing import enable
from tests.core.auth.test_every_route_checks_role import concrete
from tests.core.test_a_body_that_is_not_json_is_refused_415 import json_routes

DEEP = b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


@pytest.fixture
async def everywhere(db: Database, network: dict[str, OrgUnit], app: Litestar) -> None:
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])


async def test_every_json_route_refuses_a_body_too_deep_to_decode(
    client: AsyncTestClient, app: Litestar, token_for, everywhere: None
) -> None:
    headers = {**await token_for("admin", "HO"), "Content-Type": "application/json", "Idempotency-Key": "deep"}
    for method, path in json_routes(app):
        answer = await client.request(method, concrete(path), content=DEEP, headers=headers)
        assert answer.status_code == 400, (method, path, answer.text)
        assert answer.json()["detail"] == "请求体嵌套层级过深，无法解析"


async def test_a_nul_far_inside_is_named_and_a_wide_body_is_decoded(client: AsyncTestClient, token_for) -> None:
    headers = {**await token_for("admin", "HO"), "Content-Type": "application/json"}
    nul_inside = b'{"name": ' + b"[" * 700 + b'"\\u0000"' + b"]" * 700 + b"}"
    answer = await client.post("/api/v1/units", content=nul_inside, headers=headers)
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "name" + "[0]" * 700
    wide = {
        "events": [
            {"touchpoint": "nowhere", "unit": "OUT1", "occurred_at": "2026-11-20T09:30:00+08:00", "measurements": {}}
            for _ in range(600)
        ]
    }
    answer = await client.post("/api/v1/events/batch", json=wide, headers=headers)
    assert answer.status_code < 500 and answer.status_code != 400, answer.text
