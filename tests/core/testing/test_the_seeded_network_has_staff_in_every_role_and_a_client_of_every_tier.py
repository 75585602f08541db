"""The kit's ``seeded_network``: the small tree with a member of staff in every role at the
level that role works at, and at each outlet an active retail client of each tier whose ID
number, birthday and phone are what a bank's checks accept, written through the core's
services so the API sees them as it sees any client."""

from __future__ import annotations

import datetime as dt

from litestar.testing import AsyncTestClient

from core.demo.people import resident_check
from core.principal import ROLES
from core.testing import NETWORK, ROLES_BY_LEVEL, SeededNetwork, TokenFactory
from core.types import TierThresholds

OUTLETS = [code for code, _, level, _ in NETWORK if level == "outlet"]
TIERS = [tier for tier, _ in TierThresholds().tiers]


async def test_every_role_has_staff_at_every_unit_of_its_level(seeded_network: SeededNetwork) -> None:
    assert {role for role, _ in seeded_network.staff} == set(ROLES)
    expected = {(role, code) for code, _, level, _ in NETWORK for role in ROLES_BY_LEVEL[level]}
    assert set(seeded_network.staff) == expected
    units = seeded_network.units
    assert all(
        member.unit_id == units[code].id and member.roles == [role] and member.active
        for (role, code), member in seeded_network.staff.items()
    )
    assert len({member.employee_no for member in seeded_network.staff.values()}) == len(expected)


async def test_each_outlet_has_an_active_client_of_each_tier_with_valid_papers(seeded_network: SeededNetwork) -> None:
    assert set(seeded_network.clients) == {(tier, code) for tier in TIERS for code in OUTLETS}
    for (tier, code), client in seeded_network.clients.items():
        assert (client.tier, client.state, client.kind, client.unit_id) == (
            tier,
            "active",
            "retail",
            seeded_network.units[code].id,
        )
        assert client.id_number is not None and client.birthday is not None and client.phone is not None
        assert resident_check(client.id_number[:17]) == client.id_number[17]
        assert client.id_number[6:14] == f"{client.birthday:%Y%m%d}"
        assert 18 <= (dt.date(2026, 11, 20) - client.birthday).days // 365 <= 85
        assert len(client.phone) == 11 and client.phone.startswith("1")
        manager = seeded_network.staff["customer_manager", code]
        assert client.manager_id == (None if tier == TIERS[-1] else manager.id)


async def test_the_api_shows_an_outlets_clients_to_its_seeded_customer_manager(
    client: AsyncTestClient, token_for: TokenFactory, seeded_network: SeededNetwork
) -> None:
    manager = await token_for(staff=seeded_network.staff["customer_manager", "OUT1"])
    answer = await client.get("/api/v1/clients", params={"unit": "OUT1"}, headers=manager)
    assert answer.status_code == 200, answer.text
    shown = {item["id"]: item["tier"] for item in answer.json()["items"]}
    assert shown == {seeded_network.clients[tier, "OUT1"].public_id: tier for tier in TIERS}
