"""Every integer query parameter, of the core or of any installed plugin, refuses a value beyond
what it may be with a 4xx: one past a 32-bit column (PostgreSQL's ``integer``), one past 64 bits
(SQLite's), a negative one. A year of care tasks or a standard's version once reached the
database and answered 500."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.db.engine import Database
from core.models import OrgUnit
from core.testing import enable
from tests.core.test_a_moment_beyond_the_years_1900_to_2200_is_refused_naming_the_field import INSIDE

BEYOND = [2**31, 2**63, 2**64, -(2**63) - 1]


@pytest.fixture
async def everywhere(db: Database, network: dict[str, OrgUnit], app: Litestar) -> None:
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])


def integer_parameters(doc: dict) -> list[tuple[str, str, str, dict[str, str]]]:
    """(method, path, parameter, the operation's other required query parameters)."""
    found = []
    for url, item in doc["paths"].items():
        for method, op in item.items():
            query = [p for p in op.get("parameters", []) if p["in"] == "query"]
            required = {
                p["name"]: INSIDE if "date-time" in str(p["schema"]) else "x" for p in query if p.get("required")
            }
            found += [
                (method.upper(), url, p["name"], required)
                for p in query
                if "integer" in str(p["schema"]) and p["name"] not in required
            ]
    return found


async def test_every_integer_parameter_refuses_what_no_column_holds(
    client: AsyncTestClient, token_for, everywhere: None
) -> None:
    found = integer_parameters((await client.get("/schema/openapi.json")).json())
    assert {
        ("GET", "/api/v1/plugins/vip_benefits/care-tasks", "year"),
        ("GET", "/api/v1/touchpoints/{code}/standard.toml", "version"),
    } <= {f[:3] for f in found}
    admin = await token_for("admin", "HO")
    for method, url, name, required in found:
        for value in BEYOND:
            answer = await client.request(
                method,
                url.replace("{unit_code}", "HO").replace("{code}", "counter"),
                params={**required, name: value},
                headers=admin,
            )
            assert 400 <= answer.status_code < 500, (method, url, name, value, answer.text)
