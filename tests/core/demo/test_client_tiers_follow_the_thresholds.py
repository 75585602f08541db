"""A retail client's tier is the band of the tier thresholds its assets fall in; corporate
clients are segmented by risk class and size instead."""

from __future__ import annotations

from decimal import Decimal

from core.clock import FrozenClock
from core.db.engine import Database
from core.demo import load_network
from core.types import TierThresholds
from tests.core.demo.loaded import Loaded, read_back


def bands(thresholds: TierThresholds | None = None) -> dict[str, tuple[Decimal, Decimal | None]]:
    """Each tier's [floor, next tier's floor) from the thresholds, whatever they are."""
    ascending = sorted((thresholds or TierThresholds()).tiers, key=lambda tier: tier[1])
    return {
        tier: (floor, ascending[i + 1][1] if i + 1 < len(ascending) else None)
        for i, (tier, floor) in enumerate(ascending)
    }


async def test_each_retail_clients_assets_fall_in_its_tiers_band(demo: Loaded) -> None:
    for client in (c for c in demo.clients if c.kind == "retail"):
        assert client.tier is not None and client.assets_under_management is not None
        floor, ceiling = bands()[client.tier]
        assert floor <= client.assets_under_management and (ceiling is None or client.assets_under_management < ceiling)


async def test_money_comes_back_as_decimal_yuan_with_fen(demo: Loaded) -> None:
    for client in (c for c in demo.clients if c.kind == "retail"):
        for amount in (client.assets_under_management, client.deposits):
            assert isinstance(amount, Decimal) and amount >= 0 and amount == amount.quantize(Decimal("0.01"))
        assert client.deposits <= client.assets_under_management  # type: ignore[operator]


async def test_corporate_clients_have_risk_class_and_size_and_no_retail_tier(demo: Loaded) -> None:
    corporate = [c for c in demo.clients if c.kind == "corporate"]
    assert corporate, "some clients are companies"
    for client in corporate:
        assert client.tier is None and client.assets_under_management is None and client.birthday is None
        assert client.risk_class in ("low", "medium", "high") and client.size in ("small", "medium", "large")
        assert client.name.endswith("有限公司")


async def test_the_summary_counts_clients_by_tier(demo: Loaded) -> None:
    counted = {tier: sum(1 for c in demo.clients if (c.tier or c.kind) == tier) for tier in demo.summary.clients}
    assert counted == demo.summary.clients and sum(counted.values()) == 300
    assert list(demo.summary.clients) == [tier for tier, _ in TierThresholds().tiers] + ["corporate"]


async def test_a_bank_with_its_own_thresholds_gets_its_own_tiers(db: Database, clock: FrozenClock) -> None:
    own = TierThresholds(tiers=(("diamond", Decimal(1000000)), ("gold", Decimal(100000)), ("standard", Decimal(0))))
    summary = await load_network(db, clock, clients=300, thresholds=own)
    assert list(summary.clients) == ["diamond", "gold", "standard", "corporate"]
    loaded = await read_back(db, summary)
    for client in (c for c in loaded.clients if c.kind == "retail"):
        floor, ceiling = bands(own)[client.tier]  # type: ignore[index]
        assert floor <= client.assets_under_management < (ceiling or Decimal("Infinity"))  # type: ignore[operator]
    assert all(c.manager_id is None for c in loaded.clients if c.tier == "standard")
