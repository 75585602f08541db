"""Two administrators moving overlapping parts of the tree at the same moment (a sub-branch,
and an outlet inside it) leave every path equal to its parent's path plus its id, and both
moves take effect, whichever commits first."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from core.clock import FrozenClock
from core.context import HookContext
from core.models import OrgUnit
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services import org
from core.testing import START


@pytest.mark.postgres_only  # SQLite writers queue on BEGIN IMMEDIATE before they read; only PostgreSQL interleaves
@pytest.mark.parametrize("first", ["SB1", "OUT1"])
async def test_overlapping_moves_at_the_same_moment_keep_every_path_whole(
    backend: str, db, network, first: str
) -> None:
    both_read = asyncio.Barrier(2)

    async def move(code: str, parent: str) -> None:
        runtime = PluginRuntime(create_plugin_manager())  # each its own worker process
        async with db.unit_of_work() as session:
            ctx = HookContext(
                session=session,
                clock=FrozenClock(START),
                plugins=runtime,
                principal=system_principal(network["HO"].ref()),
            )
            as_it_was = (await session.execute(sa.select(OrgUnit))).scalars().all()  # both have read the tree
            await both_read.wait()
            if code != first:
                await asyncio.sleep(0.2)  # the other takes the lock first
            moved = await org.move(ctx, code, parent, "并发调整")
            assert moved in as_it_was  # the same object, read before the other move committed

    await asyncio.gather(move("SB1", "BR2"), move("OUT1", "SB2"))
    async with db.unit_of_work(readonly=True) as session:
        rows = {u.id: (u.parent_id, u.path) for u in (await session.execute(sa.select(OrgUnit))).scalars()}
    for unit_id, (parent_id, path) in rows.items():
        assert path == (rows[parent_id][1] if parent_id else "/") + f"{unit_id}/"
    assert rows[network["OUT1"].id][0] == network["SB2"].id and rows[network["SB1"].id][0] == network["BR2"].id
