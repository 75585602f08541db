"""A NUL character anywhere in a request (a path parameter, a query parameter, a JSON string or
key, a raw body) is refused with a 422 naming where it is, on every route of the core and of
every installed plugin, before anything reaches the database: PostgreSQL's text cannot hold it
and once answered 500. An escaped backslash before ``u0000`` is ordinary text."""

from __future__ import annotations

import re

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.db.engine import Database
from core.models import OrgUnit
from core.testing import enable

PARAMETER = re.compile(r"\{(\w+):\w+\}")


@pytest.fixture
async def everywhere(db: Database, network: dict[str, OrgUnit], app: Litestar) -> None:
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])


def handlers(app: Litestar):  # type: ignore[no-untyped-def]
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                yield method, route, handler


def refused_at(answer, field: str) -> bool:  # type: ignore[no-untyped-def]
    return answer.status_code == 422 and answer.json()["errors"] == [{"field": field, "message": "不得包含 NUL 字符"}]


async def test_every_route_refuses_a_nul_in_a_parameter_or_the_body(
    app: Litestar, client: AsyncTestClient, token_for, everywhere: None
) -> None:
    headers = {**await token_for("admin", "HO"), "Idempotency-Key": "nul"}
    checked = 0
    for method, route, handler in handlers(app):
        if route.path.startswith("/schema"):
            continue
        names = list(route.path_parameters)
        for name in names:
            url = PARAMETER.sub(lambda m: "a%00b" if m.group(1) == name else "HO", route.path)
            assert refused_at(await client.request(method, url, headers=headers), name), (method, route.path, name)
        url = PARAMETER.sub("HO", route.path)
        answer = await client.request(method, url, params={"q": "x\x00"}, headers=headers)
        assert refused_at(answer, "q"), (method, route.path, answer.text)
        if "data" in handler.parsed_fn_signature.parameters:
            answer = await client.request(method, url, json={"items": [{"note": "a\x00"}]}, headers=headers)
            assert refused_at(answer, "items[0].note"), (method, route.path, answer.text)
            checked += 1
    assert checked > 20


async def test_a_raw_body_with_a_nul_is_refused_and_an_escaped_backslash_is_text(
    client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    answer = await client.post("/api/v1/standards/import", content=b'[touchpoint]\ncode = "a\x00"\n', headers=admin)
    assert refused_at(answer, "body")
    body = b'{"code": "OUT9", "name": "\\\\u0000", "level": "outlet", "parent": "SB1", "reason": "\xe5\xbc\x80\xe4\xb8\x9a"}'
    created = await client.post("/api/v1/units", content=body, headers={**admin, "Content-Type": "application/json"})
    assert created.status_code == 201 and created.json()["name"] == "\\u0000", created.text
