"""The demo network has the bank's shape, staff in every role, and clients whose tiers follow
the thresholds."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
import sqlalchemy as sa

from core.demo import load_network, tier_for
from core.errors import Conflict
from core.models import Client, OrgUnit, Staff
from core.principal import ROLES
from core.types import TierThresholds


async def test_the_demo_builds_the_tree_staff_and_clients(db, clock) -> None:
    summary = await load_network(db, clock, clients=400)
    async with db.unit_of_work(readonly=True) as session:
        units = (await session.execute(sa.select(OrgUnit))).scalars().all()
        staff = (await session.execute(sa.select(Staff))).scalars().all()
        clients = (await session.execute(sa.select(Client))).scalars().all()
    levels = Counter(u.level for u in units)
    assert levels == {"head_office": 1, "branch": 2, "sub_branch": 6, "outlet": 20}
    by_id = {u.id: u for u in units}
    for unit in units:
        if unit.parent_id:
            assert unit.path == f"{by_id[unit.parent_id].path}{unit.id}/"
    assert {u.name for u in units} >= {"总行", "北京分行", "望京网点"}
    assert {role for s in staff for role in s.roles} == set(ROLES)
    assert len(clients) == 400 == summary["clients"]
    thresholds = TierThresholds()
    for c in clients:
        if c.kind == "retail":
            assert c.tier == tier_for(c.assets_under_management or Decimal(0), thresholds)
            if c.tier != "mass":
                manager = next(s for s in staff if s.id == c.manager_id)
                assert manager.unit_id == c.unit_id and "customer_manager" in manager.roles
            assert len(c.id_number or "") == 18
    assert any("\u4e00" <= ch <= "\u9fff" for ch in clients[0].name)


async def test_the_demo_refuses_a_database_that_already_has_units(db, clock) -> None:
    await load_network(db, clock, clients=10)
    with pytest.raises(Conflict):
        await load_network(db, clock, clients=10)
