"""Every decimal number a request body gives, of the core or of any installed plugin (an amount of
CNY, a compensation, an assessed score), is a ``FiniteDecimal``: ``NaN``, infinity and numbers
too large for their column are refused with a 422 naming the field (they once answered 500, from
a comparison with NaN or an integer overflow storing fen). The bodies are read off the routes'
own types, so a new body with a plain ``Decimal`` fails here the day it is added."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec.inspect as mi
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.db.engine import Database
from core.models import OrgUnit
from core.testing import enable
from core.types import FiniteDecimal

NOT_FINITE = ["NaN", "Infinity", "-Infinity", "sNaN", "1e400", "1000000000000000", 1e300]
PARAMETER = re.compile(r"\{(\w+):\w+\}")


def decimals(info: mi.Type, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], bool]]:
    """(path, whether it is a FiniteDecimal) of every decimal inside a body type."""
    if isinstance(info, mi.StructType):
        for field in info.fields:
            yield from decimals(field.type, (*path, field.encode_name))
    elif isinstance(info, mi.Metadata):
        yield from decimals(info.type, path)
    elif isinstance(info, mi.UnionType):
        for option in info.types:
            yield from decimals(option, path)
    elif isinstance(info, mi.ListType | mi.SetType | mi.FrozenSetType | mi.VarTupleType):
        yield from decimals(info.item_type, (*path, 0))
    elif isinstance(info, mi.DecimalType):
        yield path, False
    elif isinstance(info, mi.CustomType) and info.cls is FiniteDecimal:
        yield path, True


def decimal_inputs(app: Litestar) -> list[tuple[str, str, tuple[str | int, ...], bool]]:
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if (data := handler.parsed_fn_signature.parameters.get("data")) is not None:
                for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                    found += [
                        (method, route.path, path, checked) for path, checked in decimals(mi.type_info(data.annotation))
                    ]
    return found


def nest(path: tuple[str | int, ...], value: Any) -> Any:
    for step in reversed(path):
        value = [value] if isinstance(step, int) else {step: value}
    return value


@pytest.fixture
async def everywhere(db: Database, network: dict[str, OrgUnit], app: Litestar) -> None:
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])


async def test_every_decimal_a_body_gives_is_refused_unless_finite_and_in_size(
    app: Litestar, client: AsyncTestClient, token_for, everywhere: None
) -> None:
    inputs = decimal_inputs(app)
    assert [(method, path) for method, path, _, checked in inputs if not checked] == []
    assert {
        ("POST", "/api/v1/clients", ("assets_under_management",)),
        ("PUT", "/api/v1/scorecards/{staff_id:str}/assessments", ("value",)),
        ("POST", "/api/v1/plugins/vip_benefits/perks", ("unit_cost",)),
    } <= {i[:3] for i in inputs}
    headers = {**await token_for("admin", "HO"), "Idempotency-Key": "number"}
    for method, path, field, _ in inputs:
        url = PARAMETER.sub(lambda m: "HO" if m.group(1) == "unit_code" else "x", path)
        for value in NOT_FINITE:
            answer = await client.request(method, url, json=nest(field, value), headers=headers)
            assert answer.status_code == 422, (method, path, field, value, answer.text)
            assert ".".join(map(str, field)) in [e["field"] for e in answer.json()["errors"]], answer.text


async def test_an_amount_in_size_is_taken_as_before(client: AsyncTestClient, token_for) -> None:
    body = {
        "kind": "retail",
        "name": "钱多多",
        "unit": "OUT1",
        "reason": "开户",
        "assets_under_management": "900000.50",
    }
    answer = await client.post("/api/v1/clients", json=body, headers=await token_for("customer_manager", "OUT1"))
    assert answer.status_code == 201 and answer.json()["assets_under_management"] == "900000.50", answer.text
