"""Schemathesis, driven by the OpenAPI document, calls every operation of the core and of every
installed plugin (switched on at head office) as a head-office admin, with what the document
allows and what it does not (boundary values, wrong types, missing fields, other methods), and
no answer is a server error.

The run is bounded and reproducible: a fixed number of generated cases per operation besides the
coverage cases, derandomized. The README shows the same check run at length (and statefully)
against a served demo network.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from litestar import Litestar
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans

from core.db.engine import Database
from core.models import OrgUnit
from core.testing import TokenFactory, enable

SELF_REVOKING = "/api/v1/tokens/{token_id}"
"""Revoking a token: the fuzzer would revoke its own and test nothing but 401s after."""


@pytest.fixture
async def admin(db: Database, network: dict[str, OrgUnit], app: Litestar, token_for: TokenFactory) -> dict[str, str]:
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])
    return await token_for("admin", "HO")


@pytest.fixture
async def api(app: Litestar, admin: dict[str, str]) -> AsyncIterator[schemathesis.BaseSchema]:
    loaded = schemathesis.openapi.from_asgi("/schema/openapi.json", app)
    yield loaded.exclude(method="DELETE", path=SELF_REVOKING)
    shutdown_lifespans()


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@settings(max_examples=5, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case: schemathesis.Case, admin: dict[str, str]) -> None:
    case.call_and_validate(headers=admin, checks=[not_a_server_error])
