"""Rule ``permission``: every plugin route, a websocket's and a raw ASGI mount's too, requires a
permission or is declared public, and not both (a public caller has no role to check)."""

from __future__ import annotations

from typing import Any

from litestar import WebSocket, asgi, get, websocket

from core.api.conformance import permission
from core.errors import Finding
from core.sdk import PUBLIC, hookimpl, requires
from tests.core.conformance.checking import findings


class Forgetful:
    @get("/visitors")
    async def visitors() -> list[str]:
        return []

    @websocket("/feed")
    async def feed(socket: WebSocket) -> None:
        await socket.close()

    @asgi("/files", is_mount=True)
    async def files(scope: Any, receive: Any, send: Any) -> None:
        pass

    @get("/units/{unit_code:str}/hours", opt={PUBLIC: True}, guards=[requires("clients.read")])
    async def hours(unit_code: str) -> str:
        return unit_code

    @get("/tally", guards=[requires("reports.read")])
    async def tally() -> int:
        return 0

    @hookimpl
    def register_routes(self) -> list[Any]:
        return [self.visitors, self.feed, self.files, self.hours, self.tally]


def test_each_route_that_declares_nothing_or_both_is_named() -> None:
    mount = "/api/v1/plugins/forgetful"
    assert findings(("forgetful", Forgetful()), rules=[permission]) == [
        Finding(
            "forgetful",
            "permission",
            f"routes that declare no permission: GET {mount}/visitors, "
            f'WEBSOCKET {mount}/feed, ASGI {mount}/files. Guard each with guards=[requires("<permission>")] '
            '(core.sdk), or, for a page meant for people without a token, declare it with opt={"public": True}',
        ),
        Finding(
            "forgetful",
            "permission",
            f"GET {mount}/units/{{unit_code:str}}/hours is declared public and "
            "requires a permission: a caller without a token has no role to check; choose one",
        ),
    ]
