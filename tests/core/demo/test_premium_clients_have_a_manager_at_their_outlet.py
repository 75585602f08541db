"""Every premium client (any tier above the lowest) and every company has an exclusive
customer manager who works at the client's own outlet; mass clients have none."""

from __future__ import annotations

from core.types import TierThresholds
from tests.core.demo.loaded import Loaded


async def test_premium_and_corporate_clients_have_a_customer_manager_at_their_outlet(demo: Loaded) -> None:
    lowest = TierThresholds().tiers[-1][0]
    staff = {member.id: member for member in demo.staff}
    managed = [c for c in demo.clients if c.kind == "corporate" or c.tier != lowest]
    assert any(c.kind == "retail" for c in managed), "300 clients include premium ones"
    for client in managed:
        manager = staff[client.manager_id]  # type: ignore[index]
        assert manager.unit_id == client.unit_id and "customer_manager" in manager.roles
        assert demo.unit(client.unit_id).level == "outlet"


async def test_mass_clients_have_no_exclusive_manager(demo: Loaded) -> None:
    lowest = TierThresholds().tiers[-1][0]
    mass = [c for c in demo.clients if c.tier == lowest]
    assert mass and all(c.manager_id is None for c in mass)
