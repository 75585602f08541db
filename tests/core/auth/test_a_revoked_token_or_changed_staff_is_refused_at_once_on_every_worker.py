"""Two API workers on one database, each with its own cache of principals: a token revoked, or a
member of staff changed (roles, unit, deactivated), through one worker is refused or acts as
what it is now on the other from its very next request, not after a cache window. Checking
costs one small query per request, shared by requests that arrive together."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event

from core.api.app import create_app
from core.plugins import create_plugin_manager

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def workers(settings, clock, network) -> AsyncIterator[tuple[Client, Client]]:
    """Two apps as two worker processes would hold them: own engine, plugin runtime and caches."""
    apps = [create_app(settings, plugin_manager=create_plugin_manager(), clock=clock) for _ in range(2)]
    async with AsyncTestClient(app=apps[0]) as one, AsyncTestClient(app=apps[1]) as other:
        yield one, other


async def hire(
    client: Client, admin: dict[str, str], unit: str = "OUT1", roles: tuple[str, ...] = ("teller",)
) -> tuple[str, dict[str, str], str]:
    """A new member of staff and a token for them: (staff id, headers, token id)."""
    staff = (
        await client.post(
            "/api/v1/staff",
            json={
                "employee_no": f"E{unit}{len(roles)}",
                "name": "孙丽",
                "unit": unit,
                "roles": list(roles),
                "reason": "入职",
            },
            headers=admin,
        )
    ).json()
    issued = (await client.post("/api/v1/tokens", json={"staff_id": staff["id"]}, headers=admin)).json()
    return staff["id"], {"Authorization": f"Bearer {issued['secret']}"}, issued["token"]["id"]


async def me(client: Client, headers: dict[str, str]) -> tuple[int, object]:
    response = await client.get("/api/v1/me", headers=headers)
    body = response.json()
    return response.status_code, (body["roles"], body["unit"]["code"]) if response.status_code == 200 else None


async def test_a_token_revoked_through_one_worker_is_refused_by_the_other_at_once(workers, token_for) -> None:
    one, other = workers
    admin = await token_for("admin", "HO")
    _, teller, token_id = await hire(one, admin)
    assert await me(other, teller) == (200, (["teller"], "OUT1"))  # cached by the other worker now
    assert (await one.delete(f"/api/v1/tokens/{token_id}", headers=admin)).status_code == 200
    assert (await me(other, teller))[0] == 401
    assert (await me(one, teller))[0] == 401


async def test_a_member_of_staff_changed_through_one_worker_acts_as_changed_on_the_other(workers, token_for) -> None:
    one, other = workers
    admin = await token_for("admin", "HO")
    staff_id, teller, _ = await hire(one, admin)
    assert await me(other, teller) == (200, (["teller"], "OUT1"))

    async def change(**values: object) -> None:
        response = await one.patch(f"/api/v1/staff/{staff_id}", json={**values, "reason": "调岗"}, headers=admin)
        assert response.status_code == 200, response.text

    await change(roles=["lobby_manager"])
    assert await me(other, teller) == (200, (["lobby_manager"], "OUT1"))
    await change(unit="OUT3")
    assert await me(other, teller) == (200, (["lobby_manager"], "OUT3"))
    await change(active=False)
    assert (await me(other, teller))[0] == 401


async def test_a_unit_moved_through_one_worker_moves_the_scope_of_its_staff_on_the_other(workers, token_for) -> None:
    one, other = workers
    admin = await token_for("admin", "HO")
    _, head, _ = await hire(one, admin, unit="SB2", roles=("sub_branch_head",))
    assert (await other.get("/api/v1/units/OUT1", headers=head)).status_code == 403  # OUT1 is under SB1
    moved = await one.post("/api/v1/units/OUT1/move", json={"parent": "SB2", "reason": "网点划转"}, headers=admin)
    assert moved.status_code == 200, moved.text
    assert (await other.get("/api/v1/units/OUT1", headers=head)).status_code == 200


def counting_queries(app: Litestar) -> tuple[list[str], Callable[[], None]]:
    """The SELECTs ``app`` sends from now on, and how to stop counting."""
    engine = app.state.db.engine.sync_engine
    statements: list[str] = []

    def count(conn, cursor, statement, *rest) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    return statements, lambda: event.remove(engine, "before_cursor_execute", count)


async def test_a_cached_principal_costs_one_small_query_per_request(workers, token_for) -> None:
    one, _ = workers
    admin = await token_for("admin", "HO")
    assert (await one.get("/api/v1/me", headers=admin)).status_code == 200  # cached now
    queries, stop = counting_queries(one.app)
    try:
        for _ in range(3):
            assert (await one.get("/api/v1/me", headers=admin)).status_code == 200
    finally:
        stop()
    assert len(queries) == 3 and all("cache_generation" in q for q in queries), queries


async def test_requests_arriving_together_share_the_read(settings, clock, token_for) -> None:
    admin = await token_for("admin", "HO")
    app = create_app(settings, plugin_manager=create_plugin_manager(), clock=clock)
    async with app.lifespan(), httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        assert (await http.get("/api/v1/me", headers=admin)).status_code == 200  # cached now
        queries, stop = counting_queries(app)
        try:
            answers = await asyncio.gather(*[http.get("/api/v1/me", headers=admin) for _ in range(32)])
        finally:
            stop()
    assert [a.status_code for a in answers] == [200] * 32
    assert 1 <= len(queries) <= 4 and all("cache_generation" in q for q in queries), len(queries)
