"""A filter value outside its choices is a 400 problem naming the parameter and what it allows,
never a 200 with nothing: every enum-typed query parameter in the OpenAPI document, and the
tiers the bank configured."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

UNKNOWN = "platinum_unknown"


def _enum_parameters(document: dict) -> list[tuple[str, str, list[str], dict[str, str]]]:
    """``(path, parameter, its choices, the other required query parameters given a value)``."""
    found = []
    for path, item in document["paths"].items():
        parameters = (item.get("get") or {}).get("parameters", [])
        required = {p["name"]: "x" for p in parameters if p["in"] == "query" and p.get("required")}
        for parameter in parameters:
            schema = parameter.get("schema", {})
            options = [s for s in [schema, *schema.get("oneOf", [])] if "enum" in s]
            if parameter["in"] == "query" and options:
                allowed = [v for s in options for v in s["enum"] if v is not None]
                found.append((path, parameter["name"], allowed, required))
    return found


async def test_every_enum_query_parameter_refuses_an_unknown_value(
    client: AsyncTestClient, token_for, enable_plugin
) -> None:
    headers = await token_for("admin", "HO")
    document = (await client.get("/schema/openapi.json")).json()
    checked = _enum_parameters(document)
    for plugin in {path.split("/")[4] for path, *_ in checked if path.startswith("/api/v1/plugins/")}:
        await enable_plugin(plugin)
    assert len(checked) >= 8
    for path, name, allowed, required in checked:
        url = path.replace("{unit_code}", "HO").replace("{", "").replace("}", "")
        response = await client.get(url, params={**required, name: UNKNOWN}, headers=headers)
        assert response.status_code == 400, (path, name, response.text)
        body = response.json()
        assert body["type"].endswith("/unknown-choice"), (path, name, body)
        assert body["parameter"] == name
        assert sorted(body["allowed"]) == sorted(map(str, allowed)), (path, name)


async def test_a_tier_the_bank_did_not_configure_is_refused(client: AsyncTestClient, token_for) -> None:
    response = await client.get(
        "/api/v1/clients", params={"tier": "platinum"}, headers=await token_for("teller", "OUT1")
    )
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == "tier"
    assert body["allowed"] == ["private_banking", "gold", "silver", "mass"]
    assert "platinum" in body["detail"]
