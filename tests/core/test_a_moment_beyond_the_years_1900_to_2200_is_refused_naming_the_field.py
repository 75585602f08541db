"""Every date and time a request gives, in a body or a query parameter, of the core or of any
installed plugin, is refused with a 422 naming the field when it lies outside the years 1900 to
2200 (year 1 or 9999 once overflowed on the way to UTC and answered 500); one a day inside the
range is accepted as before. The operations are found in the OpenAPI document, so a new route
is walked as soon as it exists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core.db.engine import Database
from core.models import OrgUnit
from core.testing import enable

EDGES = ["0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-08:00"]
INSIDE = "2026-11-01T00:00:00+08:00"


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def moments(doc: dict[str, Any], schema: dict[str, Any], path: tuple[str | int, ...] = ()) -> Iterator[tuple]:
    """The path (keys and list indexes) of every date-time inside ``schema``."""
    schema = resolve(doc, schema)
    if schema.get("format") == "date-time":
        yield path
    for option in schema.get("oneOf", []) + schema.get("anyOf", []):
        yield from moments(doc, option, path)
    for name, child in schema.get("properties", {}).items():
        yield from moments(doc, child, (*path, name))
    if "items" in schema:
        yield from moments(doc, schema["items"], (*path, 0))


def nest(path: tuple[str | int, ...], value: str) -> Any:
    """The smallest body holding ``value`` at ``path``."""
    for step in reversed(path):
        value = [value] if isinstance(step, int) else {step: value}  # type: ignore[assignment]
    return value


def field_name(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")


def plausible(doc: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A value a required query parameter accepts (the handler is never reached: decoding stops
    at the moment under test)."""
    schema = resolve(doc, schema)
    if schema.get("format") == "date-time":
        return INSIDE
    if "enum" in schema:
        return schema["enum"][0]
    return schema.get("minimum", 1) if schema.get("type") == "integer" else "HO"


def moment_inputs(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], str, tuple]]:
    """(method, path, other required query parameters, "query" or "body", field path) for every
    date-time a request may give."""
    found = []
    for url, item in doc["paths"].items():
        for method, op in item.items():
            required = {
                p["name"]: plausible(doc, p["schema"])
                for p in op.get("parameters", [])
                if p["in"] == "query" and p.get("required")
            }
            for parameter in op.get("parameters", []):
                if any(True for _ in moments(doc, parameter["schema"])):
                    assert parameter["in"] == "query", (method, url, parameter["name"])
                    found.append((method.upper(), url, required, "query", (parameter["name"],)))
            for content in op.get("requestBody", {}).get("content", {}).values():
                found += [(method.upper(), url, required, "body", path) for path in moments(doc, content["schema"])]
    return found


@pytest.fixture
async def everywhere(db: Database, network: dict[str, OrgUnit], app: Litestar) -> None:
    """Every installed plugin on at head office, so its guard lets the request reach decoding."""
    for plugin in app.state.plugins.optional_plugins:
        await enable(db, plugin, network["HO"])


async def test_every_moment_a_request_gives_is_refused_beyond_the_range(
    client: AsyncTestClient, token_for, everywhere: None
) -> None:
    doc = (await client.get("/schema/openapi.json")).json()
    inputs = moment_inputs(doc)
    assert {
        ("POST", "/api/v1/events", "body", ("occurred_at",)),
        ("POST", "/api/v1/events/batch", "body", ("events", 0, "occurred_at")),
        ("GET", "/api/v1/reports/compliance", "query", ("since",)),
        ("POST", "/api/v1/plugins/vip_benefits/redemptions", "body", ("scheduled_for",)),
        ("GET", "/api/v1/plugins/complaints/reports", "query", ("until",)),
    } <= {(method, url, where, path) for method, url, _, where, path in inputs}
    headers = {**await token_for("admin", "HO"), "Idempotency-Key": "edge"}
    for method, url, required, where, path in inputs:
        concrete = url.replace("{unit_code}", "HO")
        for edge in EDGES:
            request = (
                {"params": {**required, path[0]: edge}}
                if where == "query"
                else {"params": required, "json": nest(path, edge)}
            )
            answer = await client.request(method, concrete, headers=headers, **request)
            if url.endswith("/events/batch"):  # a batch rejects the bad item alone, naming its field
                rejected = answer.json()["rejected"]
                assert answer.status_code == 200 and rejected[0]["reasons"][0]["field"] == path[-1], answer.text
                continue
            assert answer.status_code == 422, (method, url, path, edge, answer.text)
            assert field_name(path) in [e["field"] for e in answer.json()["errors"]], (method, url, answer.text)


async def test_a_moment_inside_the_range_is_accepted(client: AsyncTestClient, token_for) -> None:
    answer = await client.get(
        "/api/v1/reports/compliance",
        params={"since": "1900-01-01T00:00:00+08:00", "until": "1900-12-31T00:00:00+08:00"},
        headers=await token_for("admin", "HO"),
    )
    assert answer.status_code == 200, answer.text
