"""A call-centre integration that retries an intake with the same Idempotency-Key gets the
first answer again (marked replayed) and the bank one work order; the same key with another
complaint is refused."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.plugins.complaints.conftest import COMPLAINT, orders


async def test_a_retry_is_answered_from_the_first_intake(client: AsyncTestClient, token_for, complaints_on) -> None:
    integration = {**await token_for("operations", "HO", service=True), "Idempotency-Key": "call-20261120-0001"}
    body = {**COMPLAINT, "channel": "phone"}
    first = await client.post(orders("OUT1"), json=body, headers=integration)
    again = await client.post(orders("OUT1"), json=body, headers=integration)
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == first.json()
    other = await client.post(orders("OUT1"), json={**body, "content": "另一件事"}, headers=integration)
    assert other.status_code == 422
    queue = (await client.get(orders("OUT1"), headers=await token_for("admin", "HO"))).json()["items"]
    assert [o["id"] for o in queue] == [first.json()["summary"]["id"]]
