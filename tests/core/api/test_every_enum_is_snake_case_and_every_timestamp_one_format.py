"""One spelling across the API: every enum value in the OpenAPI document (core and every
installed plugin) is snake_case, and every timestamp is one string format, RFC 3339
``date-time``, which the answers then keep (UTC, written with ``Z``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from litestar.testing import AsyncTestClient

SNAKE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
"""snake_case; a plugin's codes may be namespaced by its name (``complaints.intake``)."""
RFC3339_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def walk(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}[{index}]")


async def test_every_enum_value_is_snake_case(client: AsyncTestClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    offenders = [
        f"{path}: {value!r}"
        for path, node in walk(document)
        for value in node.get("enum", ())
        if isinstance(value, str) and not SNAKE.fullmatch(value)
    ]
    assert offenders == []


async def test_every_timestamp_is_a_date_time_string(client: AsyncTestClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    formats = {node.get("format") for _, node in walk(document) if node.get("type") == "string"}
    assert "date-time" in formats
    assert not formats & {"date-time-local", "timestamp", "unix-time", "time"}
    numbers = [
        path for path, node in walk(document) if node.get("format") == "date-time" and node.get("type") != "string"
    ]
    assert numbers == []


async def test_answers_write_every_timestamp_in_that_one_format(seeded_network, client, token_for) -> None:
    headers = await token_for("admin", "HO")
    values = []
    for path in ("/api/v1/clients", "/api/v1/staff", "/api/v1/audit", "/api/v1/tokens"):
        answer = await client.get(path, headers=headers, params={"limit": 20})
        assert answer.status_code == 200, (path, answer.text)
        values += [
            value
            for _, node in walk(answer.json())
            for key, value in node.items()
            if key.endswith(("_at", "_until", "_from")) and isinstance(value, str) and value[:1].isdigit()
        ]
    assert values, "the seeded network has records with timestamps"
    assert [v for v in values if not RFC3339_UTC.fullmatch(v)] == []
