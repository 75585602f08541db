"""Recording events with a spy on the event hooks: an app (and the service itself) with the
counter standard of :mod:`tests.core.standards.test_standards_and_events` published, and
the means to prove that a refused event left nothing behind."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from core import hookimpl
from core.api.app import create_app
from core.context import HookContext
from core.db.engine import Database
from core.models import Nonconformity, ServiceEvent
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services import standards
from core.services.standard_content import StandardContent
from core.testing import enable
from tests.core.standards.test_standards_and_events import COUNTER, _published

WAIT_RULE = "must be a number from 0 to 527040 (min)"
"""A wait in minutes is never negative nor longer than a year (366 days)."""


class Spy:
    """A plugin (on everywhere) that keeps what the event hooks told it."""

    def __init__(self) -> None:
        self.recorded: list[Any] = []
        self.raised: list[Any] = []

    @hookimpl
    def service_event_recorded(self, event) -> None:  # type: ignore[no-untyped-def]
        self.recorded.append(event)

    @hookimpl
    def nonconformity_raised(self, nonconformity) -> None:  # type: ignore[no-untyped-def]
        self.raised.append(nonconformity)


@pytest.fixture
def spy() -> Spy:
    return Spy()


@pytest.fixture
def spy_plugins(spy: Spy) -> Callable[[], Any]:
    return lambda: create_plugin_manager(plugins=[("spy", spy)])


@pytest.fixture
async def spied(settings, clock, network, db, spy_plugins, token_for) -> AsyncIterator[AsyncTestClient]:  # type: ignore[no-untyped-def]
    """The API with the spy on and the counter standard (version 1) published an hour ago."""
    await enable(db, "spy", network["HO"])
    async with AsyncTestClient(app=create_app(settings, plugin_manager=spy_plugins(), clock=clock)) as client:
        await _published(client, await token_for("admin", "HO"), clock)
        yield client


async def stored(db: Database) -> tuple[int, int]:
    """How many events and nonconformities the database holds."""
    async with db.unit_of_work(readonly=True) as session:
        return tuple(
            [
                (await session.execute(sa.select(sa.func.count()).select_from(model))).scalar_one()  # type: ignore[return-value]
                for model in (ServiceEvent, Nonconformity)
            ]
        )


@dataclass
class Service:
    """The events service as plugins call it, as the system at head office."""

    db: Database
    runtime: PluginRuntime
    ctx_of: Callable[[Any], HookContext]


@pytest.fixture
async def service(db, network, clock, settings, spy_plugins) -> Service:  # type: ignore[no-untyped-def]
    await enable(db, "spy", network["HO"])
    runtime = PluginRuntime(spy_plugins())

    def ctx_of(session) -> HookContext:  # type: ignore[no-untyped-def]
        return HookContext(
            session=session,
            clock=clock,
            plugins=runtime,
            settings=settings,
            principal=system_principal(network["HO"].ref()),
        )

    async with db.unit_of_work() as session:
        ctx = ctx_of(session)
        await standards.create_touchpoint(ctx, code="counter", name="柜面服务", channel="branch", description="")
        draft = await standards.create_draft(ctx, "counter", msgspec.convert(COUNTER, StandardContent))
        await standards.publish(ctx, draft.public_id, "发布")
    clock.advance(hours=1)
    return Service(db, runtime, ctx_of)
