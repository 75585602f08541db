"""N redemptions of a perk with k uses left, sent at the same moment, succeed exactly k times
on PostgreSQL: each request runs in its own transaction on its own pooled connection, and the
client's lock on the perk makes "count what was used, then use one" a single step.

The requests go over real HTTP to a server of their own (:func:`core.testing.live_server`),
all in flight at once: the in-process test client would hand them to the app one by one.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest

from core.api.app import create_app
from core.plugins import create_plugin_manager
from core.testing import live_server
from tests.plugins.vip_benefits.conftest import API, Programme

SENT = 12


async def all_at_once(
    http: httpx.AsyncClient, client: str, headers: dict[str, str], label: str
) -> list[httpx.Response]:
    return await asyncio.gather(
        *(
            http.post(
                f"{API}/redemptions",
                json={"client": client, "perk": "airport_lounge"},
                headers={**headers, "Idempotency-Key": f"{label}-{i}"},
            )
            for i in range(SENT)
        )
    )


@pytest.mark.postgres_only
async def test_twelve_at_once_succeed_exactly_as_often_as_uses_are_left(lounge: Programme, settings, clock) -> None:
    """First with nothing used (the requests also race to create the lock row), then with one
    use given back by a cancellation."""
    gold = await lounge.open_client("gold")
    headers = await lounge.as_("teller", "OUT1")
    app = create_app(settings, plugin_manager=create_plugin_manager(), clock=clock)
    async with live_server(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
        first = await all_at_once(http, gold, headers, "first")
        await assert_exactly(first, 3, lounge, gold)
        given_back = next(a.json()["redemption"]["id"] for a in first if a.status_code == 201)
        await lounge.client.post(f"{API}/redemptions/{given_back}/cancel", json={"reason": "改期"}, headers=headers)
        await assert_exactly(await all_at_once(http, gold, headers, "again"), 1, lounge, gold)
    listed = await lounge.client.get(
        f"{API}/redemptions", params={"client": gold, "status": "redeemed"}, headers=headers
    )
    assert len(listed.json()["items"]) == 3


async def assert_exactly(answers: list[httpx.Response], succeeded: int, lounge: Programme, gold: str) -> None:
    assert Counter(a.status_code for a in answers) == {201: succeeded, 409: SENT - succeeded}
    assert all(a.json()["type"].endswith("/quota-exhausted") for a in answers if a.status_code == 409)
    assert await lounge.left(gold) == 0
