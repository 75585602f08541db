"""API tokens: issued by admins, stored hashed, expiring and revocable at once."""

from __future__ import annotations

import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from core.clock import FrozenClock


async def _issue(client: AsyncTestClient, headers, **body) -> dict:  # type: ignore[no-untyped-def]
    response = await client.post("/api/v1/tokens", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_an_issued_token_works_and_only_its_hash_is_stored(client: AsyncTestClient, token_for, db) -> None:
    admin = await token_for("admin", "HO")
    issued = await _issue(client, admin, service_account={"role": "operations", "unit": "BR1"}, label="监控脚本")
    secret = issued["secret"]
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["roles"] == ["operations"] and me.json()["unit"]["code"] == "BR1"
    async with db.unit_of_work(readonly=True) as session:
        stored = (await session.execute(sa.text("SELECT * FROM api_token"))).all()
    assert secret not in str(stored)


async def test_a_revoked_token_stops_working_at_once(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    issued = await _issue(client, admin, service_account={"role": "teller", "unit": "OUT1"})
    headers = {"Authorization": f"Bearer {issued['secret']}"}
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    revoked = await client.delete(f"/api/v1/tokens/{issued['token']['id']}", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 401


async def test_an_expired_token_is_refused(client: AsyncTestClient, token_for, clock: FrozenClock) -> None:
    issued = await _issue(
        client, await token_for("admin", "HO"), service_account={"role": "teller", "unit": "OUT1"}, days=2
    )
    clock.advance(days=3)
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {issued['secret']}"})
    assert response.status_code == 401
    assert "已过期" in response.json()["detail"]


async def test_a_deactivated_member_of_staff_loses_access(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    staff = (
        await client.post(
            "/api/v1/staff",
            json={"employee_no": "E900", "name": "孙丽", "unit": "OUT2", "roles": ["teller"], "reason": "入职"},
            headers=admin,
        )
    ).json()
    issued = await _issue(client, admin, staff_id=staff["id"])
    headers = {"Authorization": f"Bearer {issued['secret']}"}
    assert (await client.get("/api/v1/me", headers=headers)).json()["name"] == "孙丽"
    await client.patch(f"/api/v1/staff/{staff['id']}", json={"active": False, "reason": "离职"}, headers=admin)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 401


async def test_an_admin_cannot_issue_tokens_outside_their_subtree(client: AsyncTestClient, token_for) -> None:
    branch_admin = await token_for("admin", "BR1")
    response = await client.post(
        "/api/v1/tokens", json={"service_account": {"role": "admin", "unit": "BR2"}}, headers=branch_admin
    )
    assert response.status_code == 403
    listing = (await client.get("/api/v1/tokens", headers=branch_admin)).json()["items"]
    assert all(t["unit"] in {"BR1", "SB1", "SB2", "OUT1", "OUT2", "OUT3"} for t in listing)


async def test_a_garbage_token_is_refused_with_a_problem_document(client: AsyncTestClient) -> None:
    response = await client.get("/api/v1/me", headers={"Authorization": "Bearer ts_not-a-real-token"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
