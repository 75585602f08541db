"""The tier distribution body (the console dashboard's "how many clients in each tier")."""

from __future__ import annotations

import msgspec


class TierCount(msgspec.Struct):
    tier: str | None
    """The tier's name; ``None`` counts clients not tiered yet."""
    clients: int


class TierDistribution(msgspec.Struct):
    """Clients the bank serves (prospect, active, dormant) in a unit's subtree, by tier:
    the configured tiers from the highest down (zero counts included), then any other tier
    a plugin decided, then the untiered."""

    unit: str
    unit_name: str
    total: int
    tiers: list[TierCount]
