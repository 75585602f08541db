"""The programme's part of the demo: asked through ``load_demo_data`` after the core's demo
network, it switches itself on at two sub-branches (audited, with a reason), fills the
catalogue, sets head office's rules with Pudong more generous, and replays a seeded sample of
redemptions by the pilots' premium clients; its one-line summary tells the truth, and the API
shows the story afterwards (balances used, bookings ahead, cancellations)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from litestar.testing import AsyncTestClient

from core.clock import FrozenClock
from core.testing import AppFactory, DemoLoader
from tests.plugins.vip_benefits.conftest import API

SUMMARY = re.compile(
    r"vip_benefits: on at BJ-CY, SH-PD; 9 perks; 21 entitlement rules at HO, 2 more generous at "
    r"SH-PD; (\d+) redemptions by (\d+) premium clients over 5 months \((\d+) cancelled, (\d+) "
    r"bookings ahead\)"
)


@pytest.fixture
async def demo(run_demo: DemoLoader, make_app: AppFactory) -> AsyncIterator[tuple[str, AsyncTestClient]]:
    """The demo network (300 clients) and the programme's demo: (its summary, a client of the
    API with an admin token at head office)."""
    loaded = await run_demo(clients=300, plugins=["vip_benefits"])
    assert loaded.seconds < 10
    async with AsyncTestClient(app=make_app()) as client:
        client.headers.update(loaded.headers)
        yield loaded.lines[0], client


async def every(client: AsyncTestClient, path: str, **params: str) -> list[dict]:
    items, cursor = [], None
    while True:
        page = (
            await client.get(
                f"{API}{path}", params={**params, "limit": "200", **({"cursor": cursor} if cursor else {})}
            )
        ).json()
        items += page["items"]
        if not (cursor := page["next_cursor"]):
            return items


async def test_the_demo_tells_the_perks_story_and_its_summary_is_true(demo, clock: FrozenClock) -> None:
    line, client = demo
    match = SUMMARY.fullmatch(line)
    assert match, line
    made, clients, cancelled, ahead = map(int, match.groups())
    assert made >= 20 and clients >= 10 and cancelled >= 1 and ahead >= 3

    pilots = {unit: await every(client, "/redemptions", unit=unit) for unit in ("BJ-CY", "SH-PD")}
    redemptions = pilots["BJ-CY"] + pilots["SH-PD"]
    assert len(redemptions) == made and len({r["client"] for r in redemptions}) == clients
    assert sum(r["status"] == "cancelled" for r in redemptions) == cancelled
    assert (
        sum(
            r["status"] == "booked" and r["scheduled_for"] > clock.now().isoformat().replace("+00:00", "Z")
            for r in redemptions
        )
        == ahead
    )
    months = {r["redeemed_at"][:7] for r in redemptions}
    assert len(months) >= 4 and max(r["redeemed_at"] for r in redemptions) < clock.now().isoformat()
    assert all(r["redeemed_by"].startswith("staff:") for r in redemptions)  # served by the outlets' staff

    used = next(r for r in redemptions if r["status"] == "redeemed")
    balance = (await client.get(f"{API}/clients/{used['client']}/balance", params={"unit": used["unit"]})).json()
    perk = next(p for p in balance["perks"] if p["perk"] == used["perk"])
    assert perk["used"] >= 1 and perk["left"] == max(perk["quota"] - perk["used"], 0)

    rules = {
        row["perk"]: {r["tier"]: r for r in row["rules"]}
        for row in (await client.get(f"{API}/units/SH-PD/entitlements", params={"limit": "50"})).json()["items"]
    }
    assert (rules["airport_lounge"]["gold"]["quota"], rules["airport_lounge"]["gold"]["set_at"]) == (10, "SH-PD")
    assert (rules["airport_lounge"]["silver"]["quota"], rules["airport_lounge"]["silver"]["set_at"]) == (2, "HO")

    switched = (await client.get("/api/v1/units/BJ-CY/plugins")).json()
    assert next(s for s in switched if s["plugin"] == "vip_benefits")["enabled"] is True
    audit = (await client.get("/api/v1/audit", params={"entity": "plugin_enablement"})).json()["items"]
    assert {(a["entity_id"], a["reason"]) for a in audit} == {
        ("vip_benefits@BJ-CY", "demo: 礼遇计划试点"),
        ("vip_benefits@SH-PD", "demo: 礼遇计划试点"),
    }
    elsewhere = await client.get(f"{API}/perks", params={"unit": "BJ-HD"})
    assert elsewhere.status_code == 404 and elsewhere.json()["plugin"] == "vip_benefits"
