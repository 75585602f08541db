"""The health endpoint answers only when the database does, and needs no token."""

from litestar.testing import AsyncTestClient


async def test_health_reports_the_database_without_a_token(client: AsyncTestClient) -> None:
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] in {"sqlite", "postgresql"}


async def test_me_names_the_principal_of_the_token(client: AsyncTestClient, token_for) -> None:
    headers = await token_for("teller", "OUT1")
    response = await client.get("/api/v1/me", headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["unit"] == {"code": "OUT1", "name": "望京网点", "level": "outlet"}
    assert response.json()["roles"] == ["teller"]


async def test_a_request_without_a_token_gets_a_401_problem(client: AsyncTestClient) -> None:
    response = await client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"].endswith("/unauthenticated")
