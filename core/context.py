"""The context object every event hook and job receives.

It is the plugin's handle on the unit of work that triggered it: write through
``ctx.session`` and your rows commit or roll back with the change; queue anything that must
leave the process with ``await ctx.enqueue(...)`` (delivered after commit by the outbox
job); record what a person did with :meth:`HookContext.audit`; ask :attr:`HookContext.now`
for the time, never the system clock, so tests can move time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.models import OrgUnit
from core.principal import Principal, system_principal
from core.services import audit, outbox
from core.types import TierThresholds, UnitRef

if TYPE_CHECKING:
    from core.config import Settings
    from core.db.engine import Database
    from core.plugins import PluginRuntime


class HookContext:
    """What the core hands to hooks: session, clock, acting principal, unit, plugins, settings."""

    @property
    def thresholds(self) -> TierThresholds:
        """The configured tier thresholds (the defaults when no settings are at hand)."""
        return self.settings.thresholds if self.settings else TierThresholds()

    def __init__(
        self,
        *,
        session: AsyncSession,
        clock: Clock,
        plugins: PluginRuntime,
        principal: Principal,
        unit: UnitRef | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.session = session
        self.settings = settings
        self.clock = clock
        self.plugins = plugins
        self.principal = principal
        self.unit = unit

    @property
    def now(self) -> dt.datetime:
        """The current time in UTC, from the app's clock."""
        return self.clock.now()

    def at_unit(self, unit: UnitRef) -> HookContext:
        """The same unit of work, seen from another unit (hooks fired for that unit)."""
        return HookContext(session=self.session, clock=self.clock, plugins=self.plugins, principal=self.principal,
                           unit=unit, settings=self.settings)

    def acting_as(self, principal: Principal) -> HookContext:
        """The same unit of work, acting for another principal (group commit carries
        several callers' events in one transaction)."""
        return HookContext(session=self.session, clock=self.clock, plugins=self.plugins, principal=principal,
                           unit=self.unit, settings=self.settings)

    async def enqueue(self, topic: str, key: str, payload: dict[str, Any], *, unit: UnitRef | None = None,
                      client: str | None = None) -> None:
        """Queue a message for delivery after this unit of work commits.

        ``key`` must be stable for the same logical message (e.g. ``"manager-changed:cl_…:3"``):
        queuing a key that is already queued is a no-op, and receivers use it to drop
        repeats, since delivery is at least once. When the payload carries a client's personal
        data (name, phone), pass ``client=`` (their public id): purging the client then wipes
        the payload and drops the message if it is still undelivered.
        """
        await outbox.enqueue(self.session, topic=topic, key=key, payload=payload, unit=unit or self.unit, now=self.now,
                             client=client)

    async def enqueue_many(self, messages: list[outbox.Message]) -> None:
        """Queue several :class:`core.services.outbox.Message` (``(topic, key, payload, unit[,
        client])``) in one statement, as a job's batch does; each follows :meth:`enqueue`."""
        await outbox.enqueue_many(self.session, list(messages), now=self.now)

    def audit(
        self,
        *,
        entity: str,
        entity_id: str,
        action: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        reason: str | None = None,
        unit: UnitRef | None = None,
    ) -> None:
        """Record a write by the acting principal in the audit log (same transaction)."""
        audit.record(
            self.session,
            principal=self.principal,
            at=self.now,
            unit=unit or self.unit,
            entity=entity,
            entity_id=entity_id,
            action=action,
            before=before,
            after=after,
            reason=reason,
        )


class JobContext:
    """What a background job receives: a way to open units of work, and its surroundings.

    Jobs work in bounded batches, each batch its own unit of work (:meth:`unit_of_work`
    yields a :class:`HookContext` acting as the system principal), so a crash loses at most
    one batch and a rerun picks up where it stopped.
    """

    def __init__(self, *, db: Database, plugins: PluginRuntime, clock: Clock, settings: Settings,
                 progress: Callable[[str], None] = lambda _: None) -> None:
        self.db = db
        self.plugins = plugins
        self.clock = clock
        self.settings = settings
        self.progress = progress

    @property
    def now(self) -> dt.datetime:
        return self.clock.now()

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[HookContext]:
        """One transaction as the system principal at the root of the tree."""
        async with self.db.unit_of_work() as session:
            root = (await session.execute(sa.select(OrgUnit).where(OrgUnit.parent_id.is_(None)).order_by(OrgUnit.id).limit(1))).scalar_one_or_none()
            unit = root.ref() if root else UnitRef(id=0, code="-", name="-", level="head_office", path="/")
            yield HookContext(session=session, clock=self.clock, plugins=self.plugins, principal=system_principal(unit),
                              unit=unit, settings=self.settings)
