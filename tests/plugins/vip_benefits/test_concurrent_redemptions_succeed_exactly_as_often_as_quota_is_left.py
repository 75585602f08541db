"""N redemptions of a perk with k uses left, sent at the same moment, succeed exactly k times
on PostgreSQL: each request runs in its own transaction on its own pooled connection, and the
client's lock on the perk makes "count what was used, then use one" a single step.

Litestar's ``AsyncTestClient`` hands each request to the app's event loop and blocks the
caller until it is answered, so ``asyncio.gather`` over its coroutines alone would send them
one after another; each request is therefore sent from a thread of its own
(``asyncio.to_thread``) and the app serves them all at once.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest
from litestar.testing import AsyncTestClient

from tests.plugins.vip_benefits.conftest import API, Programme

SENT = 12


async def all_at_once(client: AsyncTestClient, requests: list[httpx.Request]) -> list[httpx.Response]:
    transport = client._transport  # the test client's in-process transport, thread-safe through its portal

    def send(request: httpx.Request) -> httpx.Response:
        response = transport.handle_request(request)
        response.read()
        return response

    return await asyncio.gather(*(asyncio.to_thread(send, r) for r in requests))


@pytest.mark.postgres_only
async def test_twelve_at_once_with_two_left_succeed_twice(lounge: Programme) -> None:
    gold = await lounge.open_client("gold")
    assert (await lounge.redeem(gold)).status_code == 201  # 3 a year: 2 left
    headers = await lounge.as_("teller", "OUT1")
    requests = [lounge.client.build_request("POST", f"{API}/redemptions", json={"client": gold, "perk": "airport_lounge"},
                                            headers={**headers, "Idempotency-Key": f"race-{i}"}) for i in range(SENT)]
    answers = await all_at_once(lounge.client, requests)
    assert Counter(a.status_code for a in answers) == {201: 2, 409: SENT - 2}
    refused = [a.json() for a in answers if a.status_code == 409]
    assert all(r["type"].endswith("/quota-exhausted") for r in refused)
    assert await lounge.left(gold) == 0
    listed = await lounge.client.get(f"{API}/redemptions", params={"client": gold}, headers=headers)
    assert len(listed.json()["items"]) == 3


@pytest.mark.postgres_only
async def test_concurrent_first_uses_create_the_lock_row_once(lounge: Programme) -> None:
    """No redemption before: the racing requests also race to create the lock row."""
    gold = await lounge.open_client("gold")
    headers = await lounge.as_("teller", "OUT1")
    requests = [lounge.client.build_request("POST", f"{API}/redemptions", json={"client": gold, "perk": "airport_lounge"},
                                            headers={**headers, "Idempotency-Key": f"first-{i}"}) for i in range(SENT)]
    answers = await all_at_once(lounge.client, requests)
    assert Counter(a.status_code for a in answers) == {201: 3, 409: SENT - 3}
    assert await lounge.left(gold) == 0
