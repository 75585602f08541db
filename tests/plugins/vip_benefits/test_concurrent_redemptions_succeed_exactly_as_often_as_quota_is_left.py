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


def racing(vip: Programme, client: str, headers: dict[str, str], label: str) -> list[httpx.Request]:
    return [vip.client.build_request("POST", f"{API}/redemptions", json={"client": client, "perk": "airport_lounge"},
                                     headers={**headers, "Idempotency-Key": f"{label}-{i}"}) for i in range(SENT)]


@pytest.mark.postgres_only
async def test_twelve_at_once_succeed_exactly_as_often_as_uses_are_left(lounge: Programme) -> None:
    """First with nothing used (the requests also race to create the lock row), then with one
    use given back by a cancellation."""
    gold = await lounge.open_client("gold")
    headers = await lounge.as_("teller", "OUT1")
    answers = await all_at_once(lounge.client, racing(lounge, gold, headers, "first"))
    assert Counter(a.status_code for a in answers) == {201: 3, 409: SENT - 3}
    assert all(a.json()["type"].endswith("/quota-exhausted") for a in answers if a.status_code == 409)
    assert await lounge.left(gold) == 0
    given_back = next(a.json()["redemption"]["id"] for a in answers if a.status_code == 201)
    await lounge.client.post(f"{API}/redemptions/{given_back}/cancel", json={"reason": "改期"}, headers=headers)
    answers = await all_at_once(lounge.client, racing(lounge, gold, headers, "again"))
    assert Counter(a.status_code for a in answers) == {201: 1, 409: SENT - 1}
    listed = await lounge.client.get(f"{API}/redemptions", params={"client": gold, "status": "redeemed"}, headers=headers)
    assert len(listed.json()["items"]) == 3 and await lounge.left(gold) == 0
