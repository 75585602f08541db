"""Every unit route refuses a role without its permission, and names of units outside the
caller's subtree answer 403 out-of-scope, whatever the route."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

WRITES = [
    ("POST", "/api/v1/units", {"code": "OUT9", "name": "新网点", "level": "outlet", "parent": "SB1", "reason": "x"}),
    ("PATCH", "/api/v1/units/OUT1", {"name": "新名", "reason": "x"}),
    ("POST", "/api/v1/units/OUT1/move", {"parent": "SB2", "reason": "x"}),
]


@pytest.mark.parametrize("role", ["head_office_service", "branch_service", "operations", "compliance", "teller"])
async def test_only_admins_create_rename_or_move_units(client: AsyncTestClient, token_for, role: str) -> None:
    headers = await token_for(role, "HO")
    for method, path, body in WRITES:
        response = await client.request(method, path, json=body, headers=headers)
        assert response.status_code == 403 and response.json()["type"].endswith("/forbidden"), (method, path)
    assert (await client.get("/api/v1/units/OUT1", headers=headers)).json()["name"] == "望京网点"


async def test_units_outside_the_callers_subtree_are_out_of_scope_on_every_route(
    client: AsyncTestClient, token_for
) -> None:
    admin, teller = await token_for("admin", "BR1"), await token_for("teller", "BR1")
    attempts = [
        (teller, "GET", "/api/v1/units/BR2", None, {}),
        (teller, "GET", "/api/v1/units/OUT4/history", None, {}),
        (teller, "GET", "/api/v1/units", None, {"within": "BR2"}),
        (teller, "GET", "/api/v1/units", None, {"parent": "HO"}),
        (
            admin,
            "POST",
            "/api/v1/units",
            {"code": "OUT9", "name": "x", "level": "outlet", "parent": "SB3", "reason": "x"},
            {},
        ),
        (
            admin,
            "POST",
            "/api/v1/units",
            {"code": "BR9", "name": "x", "level": "branch", "parent": "HO", "reason": "x"},
            {},
        ),
        (admin, "PATCH", "/api/v1/units/SB3", {"name": "x", "reason": "x"}, {}),
        (admin, "POST", "/api/v1/units/OUT4/move", {"parent": "SB1", "reason": "x"}, {}),
        (admin, "POST", "/api/v1/units/OUT1/move", {"parent": "SB3", "reason": "x"}, {}),
    ]
    for headers, method, path, body, params in attempts:
        response = await client.request(method, path, json=body, params=params, headers=headers)
        assert response.status_code == 403, (method, path, params, response.text)
        assert response.json()["type"].endswith("/out-of-scope")
    assert (await client.get("/api/v1/units/SB3", headers=await token_for("admin", "HO"))).json()["name"] == "浦东支行"


async def test_an_unknown_unit_is_not_found(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("admin", "HO")
    for path in ("/api/v1/units/NOPE", "/api/v1/units/NOPE/history"):
        response = await client.get(path, headers=headers)
        assert response.status_code == 404 and response.json()["unit"] == "NOPE"
