"""A CORS preflight (``OPTIONS``, which carries no token) on any route of any installed plugin
answers 204, never a 500: the enablement guard does not need a caller to let it through (it
once failed with "'user' is not defined in scope")."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import AsyncTestClient

PARAMETER = re.compile(r"\{[^}]+\}")


async def test_options_on_every_plugin_route_answers_204(app: Litestar, client: AsyncTestClient) -> None:
    routes = [route for route in app.routes if route.path.startswith("/api/v1/plugins/")]
    assert {route.path.split("/")[4] for route in routes} >= {"complaints", "vip_benefits", "acme_lounge"}
    for route in routes:
        answer = await client.options(PARAMETER.sub("x", route.path))
        assert answer.status_code == 204, (route.path, answer.status_code, answer.text)
