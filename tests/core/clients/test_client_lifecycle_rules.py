"""Property: whatever sequence of lifecycle requests arrives, the service accepts exactly the
allowed ones, the state stays valid, and history grows by one per accepted change."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import FrozenClock
from core.context import HookContext
from core.errors import TransitionNotAllowed
from core.models import ClientHistory
from core.plugins import PluginRuntime
from core.principal import Principal
from core.services import clients
from core.testing import START

ACTIONS = st.lists(st.sampled_from(["prospect", "active", "dormant", "closed", "archive", "restore"]), max_size=12)


def expected_next(state: str, action: str) -> str | None:
    """The model: the next state, or None when the action must be refused."""
    if action == "archive":
        return "archived" if state != "archived" else None
    if action == "restore":
        return "restore" if state == "archived" else None
    return action if action in clients.LIFECYCLE.get(state, ()) else None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
async def test_the_service_follows_the_lifecycle_model(db, network, plugins: PluginRuntime, actions: list[str]) -> None:
    principal = Principal(kind="staff", id="st_test", name="测试", roles=frozenset({"admin"}), unit=network["HO"].ref())
    async with db.unit_of_work() as session:
        ctx = HookContext(session=session, clock=FrozenClock(START), plugins=plugins, principal=principal)
        client = await clients.create(
            ctx,
            unit_code="OUT1",
            kind="retail",
            values={"name": "赵六"},
            state="prospect",
            manager_id=None,
            reason="开户",
        )
        state, before_archive, accepted = "prospect", None, 0
        for action in actions:
            nxt = expected_next(state, action)
            try:
                if action == "archive":
                    await clients.archive(ctx, client.public_id, "r", dt.timedelta(days=30))
                elif action == "restore":
                    await clients.restore(ctx, client.public_id, "r")
                else:
                    await clients.transition(ctx, client.public_id, action, "r")
            except TransitionNotAllowed:
                assert nxt is None
                continue
            assert nxt is not None
            accepted += 1
            if nxt == "archived":
                before_archive, state = state, "archived"
            elif nxt == "restore":
                state = before_archive or "active"
            else:
                state = nxt
            assert client.state == state
        history = (
            await session.execute(
                sa.select(sa.func.count()).select_from(ClientHistory).where(ClientHistory.client_id == client.id)
            )
        ).scalar_one()
        assert history == 1 + accepted
        await session.rollback()
