"""The default demo: 10,000 clients in a few seconds, tiers spread as in a bank (mass the
majority, fewer silver, fewer gold, a handful in private banking), progress reported as it
goes, and one audit entry summarising the load."""

from __future__ import annotations

import time

import sqlalchemy as sa

from core.clock import FrozenClock
from core.db.engine import Database
from core.demo import DEFAULT_CLIENTS, load_network
from core.models import AuditEntry


async def test_ten_thousand_clients_load_in_seconds_with_a_banks_spread_of_tiers(
    db: Database, clock: FrozenClock
) -> None:
    seen: list[tuple[int, int]] = []
    started = time.perf_counter()
    summary = await load_network(db, clock, progress=lambda done, wanted: seen.append((done, wanted)))
    assert time.perf_counter() - started < 10
    tiers = summary.clients
    assert DEFAULT_CLIENTS == 10_000 == sum(tiers.values())
    assert tiers["mass"] > sum(tiers.values()) / 2
    assert tiers["mass"] > tiers["silver"] > tiers["gold"] > tiers["private_banking"] > 0
    assert tiers["private_banking"] < 50 and tiers["corporate"] > 0
    assert seen == [(done, 10_000) for done in range(1_000, 10_001, 1_000)]
    async with db.unit_of_work(readonly=True) as session:
        (entry,) = (await session.execute(sa.select(AuditEntry).where(AuditEntry.entity == "demo"))).scalars().all()
    assert entry.actor == "system:touchstone" and entry.action == "load" and entry.reason == "demo data"
    assert entry.after == {"units": summary.units, "staff": summary.staff, "clients": summary.clients}
