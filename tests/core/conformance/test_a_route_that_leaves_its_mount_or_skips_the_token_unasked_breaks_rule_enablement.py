"""Rule ``enablement``: a plugin's routes stay under its mount, where its enablement guard
stands before every one; only ``opt={"public": True}`` (exactly) lets a route answer without a
token, and a public route names the unit the guard checks."""

from __future__ import annotations

from typing import Any

from litestar import get

from core.api.conformance import enablement
from core.errors import Finding
from core.sdk import PUBLIC, hookimpl, requires
from tests.core.conformance.checking import findings

MOUNT = "/api/v1/plugins/escapist"


class Escapist:
    @get("/../../units", guards=[requires("units.read")])
    async def units() -> list[str]:
        return []

    @get("/open", opt={PUBLIC: "yes"})
    async def ajar() -> str:  # the token middleware skips any true value; only True is the declaration
        return ""

    @get("/hours", opt={PUBLIC: True})
    async def hours() -> str:  # public, but at which unit is the plugin to be on?
        return ""

    @get("/units/{unit_code:str}/hours", opt={PUBLIC: True})
    async def unit_hours(unit_code: str) -> str:
        return unit_code

    @get("/hours-at", opt={PUBLIC: True})
    async def hours_at(unit: str) -> str:
        return unit

    @hookimpl
    def register_routes(self) -> list[Any]:
        return [self.units, self.ajar, self.hours, self.unit_hours, self.hours_at]


def test_a_route_that_escapes_skips_the_token_unasked_or_names_no_unit_is_named() -> None:
    assert findings(("escapist", Escapist()), rules=[enablement]) == [
        Finding("escapist", "enablement", f"GET {MOUNT}/../../units escapes the plugin's mount {MOUNT}"),
        Finding(
            "escapist",
            "enablement",
            f'GET {MOUNT}/open answers without a token but is not declared public with opt={{"public": True}}',
        ),
        Finding(
            "escapist",
            "enablement",
            f"GET {MOUNT}/hours is declared public but names no unit (a unit_code "
            "path parameter or a unit query parameter): the enablement guard cannot tell where it is on",
        ),
    ]
