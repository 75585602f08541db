"""Every route that takes a JSON body, the core's and every plugin's, refuses a body declared as
something else (plain text, a form) with a 415 problem document saying to send JSON, rather
than a 400 "JSON is malformed"; JSON under a structured suffix (``application/merge-patch+json``)
or with a charset is taken as JSON."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.testing import enable
from tests.core.auth.test_every_route_checks_role import concrete

NOT_JSON = [
    ("text/plain", b"hello"),
    ("application/x-www-form-urlencoded", b"name=%E9%92%B1&unit=OUT1"),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--\r\n"),
]


def json_routes(app: Litestar) -> list[tuple[str, str]]:
    return [
        (method, route.path)
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        if "data" in handler.parsed_fn_signature.parameters
        for method in sorted(handler.http_methods)
    ]


async def test_every_json_route_answers_415_to_another_media_type(
    client: AsyncTestClient, app: Litestar, token_for, db, network
) -> None:
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])
    admin = await token_for("admin", "HO")
    routes = json_routes(app)
    assert ("POST", "/api/v1/events") in routes and ("POST", "/api/v1/plugins/vip_benefits/redemptions") in routes
    for method, path in routes:
        for media_type, body in NOT_JSON:
            answer = await client.request(
                method,
                concrete(path),
                content=body,
                headers={**admin, "Content-Type": media_type, "Idempotency-Key": "k"},
            )
            assert answer.status_code == 415, (method, path, media_type, answer.text)
            problem = answer.json()
            assert problem["type"].endswith("/unsupported-media-type") and "application/json" in problem["detail"]
            assert answer.headers["content-type"] == "application/problem+json"


async def test_json_under_a_suffix_or_with_a_charset_is_decoded(client: AsyncTestClient, token_for) -> None:
    body = b'{"code": "OUT9", "name": "\xe6\x96\xb0\xe7\xbd\x91\xe7\x82\xb9", "level": "outlet", "parent": "SB1"}'
    for media_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        answer = await client.post(
            "/api/v1/units", content=body, headers={**await token_for("admin", "HO"), "Content-Type": media_type}
        )
        assert answer.status_code == 422 and answer.json()["errors"] == [{"field": "reason", "message": "为必填项"}]
