"""The context object every event hook, plugin route and job receives: the plugin's door.

It is a plugin's handle on the unit of work that triggered it and on the platform around
it, so a plugin never walks the core's services itself:

- the unit of work: write through ``ctx.session`` and your rows commit or roll back with
  the change; ask :attr:`HookContext.now` for the time, never the system clock, so tests
  can move time;
- organisation scope: :meth:`~HookContext.unit_in_scope` for a unit a caller names,
  :meth:`~HookContext.unit_by_id` for one a record points at, :meth:`~HookContext.org` for
  the whole tree;
- clients: :meth:`~HookContext.client` (scoped: 404 outside the caller's subtree),
  :meth:`~HookContext.client_snapshot`, :meth:`~HookContext.mask` for personal data;
- settings: :meth:`~HookContext.settings_for` (the plugin's per-unit settings in force);
- service events: :meth:`~HookContext.record_events` (judged against the standard in force);
- audit and outbox: :meth:`~HookContext.audit` records what a person did;
  :meth:`~HookContext.enqueue` queues anything that must leave the process (delivered after
  commit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock, FrozenClock
from core.models import OrgUnit
from core.principal import Principal, staff_principal, system_principal
from core.services import audit, clients, enablement, events, masking, outbox, plugin_settings, scope
from core.types import ClientSnapshot, TierThresholds, UnitRef

if TYPE_CHECKING:
    from core.config import Settings
    from core.db.engine import Database
    from core.models import Client, Staff
    from core.plugins import OrgSnapshot, PluginRuntime


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
        return HookContext(
            session=self.session,
            clock=self.clock,
            plugins=self.plugins,
            principal=self.principal,
            unit=unit,
            settings=self.settings,
        )

    def acting_as(self, principal: Principal) -> HookContext:
        """The same unit of work, acting for another principal (group commit carries
        several callers' events in one transaction)."""
        return HookContext(
            session=self.session,
            clock=self.clock,
            plugins=self.plugins,
            principal=principal,
            unit=self.unit,
            settings=self.settings,
        )

    def at_time(self, moment: dt.datetime) -> HookContext:
        """The same unit of work with the clock standing at ``moment`` (a demo replaying
        what happened days ago; the audit and every deadline then read that time)."""
        return HookContext(
            session=self.session,
            clock=FrozenClock(moment),
            plugins=self.plugins,
            principal=self.principal,
            unit=self.unit,
            settings=self.settings,
        )

    async def pinned_tree(self) -> HookContext:
        """The same unit of work with the tree and the plugin switches held as they stand now.

        A unit of work that changed the tree or a switch reads them afresh on every call (a
        cache must never hold uncommitted state). A long replay that switched a plugin on at
        its start and changes the tree no more (a plugin's demo data) pins them once instead
        of reading them for each of its thousands of calls."""
        return HookContext(
            session=self.session,
            clock=self.clock,
            plugins=self.plugins.pinned(await self.org()),
            principal=self.principal,
            unit=self.unit,
            settings=self.settings,
        )

    # -- organisation scope ---------------------------------------------------------------

    async def org(self) -> OrgSnapshot:
        """The organisation tree and the plugin switches as this unit of work sees them
        (cached per process; no query unless the tree changed)."""
        return await self.plugins.snapshot(self.session)

    async def unit_in_scope(self, code: str) -> UnitRef:
        """The unit ``code`` if the acting principal may act there: 404 ``not-found`` for an
        unknown code, 403 ``out-of-scope`` for a unit outside the principal's subtree."""
        return await scope.unit_in_scope(self, code)

    async def unit_by_code(self, code: str) -> UnitRef:
        """Any unit by code, without a scope check (404 for an unknown code)."""
        return await scope.unit_by_code(self, code)

    async def unit_by_id(self, unit_id: int) -> UnitRef:
        """The unit a record points at (``row.unit_id``), without a scope check."""
        return await scope.unit_by_id(self, unit_id)

    async def is_enabled(self, plugin: str, unit: UnitRef) -> bool:
        """Whether ``plugin`` is switched on at ``unit`` (the nearest unit's switch wins)."""
        return await self.plugins.is_enabled(self.session, plugin, unit)

    async def principal_for(self, staff: Staff) -> Principal:
        """The member of staff ``staff`` as the principal they act as (their roles, their
        unit, this app's permissions): whom a plugin's demo replay acts for."""
        return staff_principal(staff, await self.unit_by_id(staff.unit_id), self.plugins.permissions)

    async def set_plugin_enabled(self, plugin: str, unit: UnitRef, enabled: bool, reason: str) -> None:
        """Switch ``plugin`` on or off at ``unit`` (inherited below), audited as the acting
        principal; what an administrator does through the API, for a plugin's demo data."""
        await enablement.set(self, unit, plugin, enabled, reason)

    # -- clients and personal data --------------------------------------------------------

    async def client(self, public_id: str, *, for_update: bool = False) -> Client:
        """The client ``public_id`` if the acting principal's subtree holds it; 404 for any
        other, never revealing that it exists. ``for_update`` locks the row (PostgreSQL) for
        a check-then-write such as a quota."""
        return await clients.get(self, public_id, for_update=for_update)

    async def client_snapshot(self, client: Client) -> ClientSnapshot:
        """The client as hooks see it (:class:`core.types.ClientSnapshot`)."""
        return await clients.snapshot(self, client)

    def mask(self, field: str, value: Any) -> Any:
        """``value`` of the personal-data ``field`` (``id_number``, ``phone``, ``email``,
        ``address``) as the acting principal may see it: in full with the
        ``clients.personal_data`` permission, masked (``138****8000``) without."""
        return masking.mask(field, value, self.principal)

    # -- settings and service events ------------------------------------------------------

    async def settings_for(self, plugin: str, unit: UnitRef) -> Any:
        """The plugin's settings in force at ``unit`` (the nearest unit that sets a key
        wins, the schema's defaults elsewhere), as an instance of its settings Struct."""
        return await plugin_settings.effective_settings(self, plugin, unit)

    async def settings_by_unit(self, plugin: str, units: list[UnitRef]) -> dict[int, Any]:
        """:meth:`settings_for` at each of ``units`` (keyed by unit id) in one read, for a
        job that works over many units."""
        return await plugin_settings.settings_by_unit(self, plugin, units)

    async def record_events(
        self,
        items: list[events.EventIn],
        *,
        drop_unread: bool = False,
    ) -> tuple[list[events.Accepted], list[events.Rejected]]:
        """Record service events in this unit of work, each judged against the version of its
        touchpoint's standard in force at its unit at ``occurred_at`` (a pilot version at
        the units piloting it, the published one elsewhere). Failed controls open
        nonconformities and ``service_event_recorded`` fires, as for events posted to the
        API. Returns the accepted items and the rejected ones with their reasons.

        A measurement no control of the version in force reads refuses the item, as on the
        API; ``drop_unread=True`` drops such keys instead, for a plugin that records what its
        own form measured while the bank may have adapted the standard (dropped a control)."""
        return await events.record(self, items, drop_unread=drop_unread)

    # -- outbox and audit -----------------------------------------------------------------

    async def enqueue(
        self, topic: str, key: str, payload: dict[str, Any], *, unit: UnitRef | None = None, client: str | None = None
    ) -> None:
        """Queue a message for delivery after this unit of work commits.

        ``key`` must be stable for the same logical message (e.g. ``"manager-changed:cl_…:3"``):
        queuing a key that is already queued is a no-op, and receivers use it to drop
        repeats, since delivery is at least once. When the payload carries a client's personal
        data (name, phone), pass ``client=`` (their public id): purging the client then wipes
        the payload and drops the message if it is still undelivered.
        """
        await outbox.enqueue(
            self.session, topic=topic, key=key, payload=payload, unit=unit or self.unit, now=self.now, client=client
        )

    async def enqueue_many(self, messages: list[outbox.QueuedMessage]) -> None:
        """Queue several :class:`core.services.outbox.QueuedMessage` (``(topic, key, payload, unit[,
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
    one batch and a rerun picks up where it stopped. A job adds what it looked at and what it
    changed with :meth:`tally`, for the runner's summary. Under ``--dry-run`` (:attr:`dry_run`)
    the runner hands the job a database whose writes are all rolled back at the end; a job
    that talks to the outside world itself skips that part then.
    """

    def __init__(
        self,
        *,
        db: Database,
        plugins: PluginRuntime,
        clock: Clock,
        settings: Settings,
        progress: Callable[[str], None] = lambda _: None,
        dry_run: bool = False,
    ) -> None:
        self.db = db
        self.plugins = plugins
        self.clock = clock
        self.settings = settings
        self.progress = progress
        self.dry_run = dry_run
        self._counts: tuple[int, int] | None = None

    def tally(self, *, examined: int = 0, changed: int = 0) -> None:
        """Add ``examined`` rows looked at and ``changed`` rows written to this run's counts
        (the summary table's columns; a job that never tallies shows none)."""
        before = self._counts or (0, 0)
        self._counts = (before[0] + examined, before[1] + changed)

    @property
    def examined(self) -> int | None:
        """The rows examined :meth:`tally` added up (None: the job tallies nothing)."""
        return None if self._counts is None else self._counts[0]

    @property
    def changed(self) -> int | None:
        """The rows changed :meth:`tally` added up (None: the job tallies nothing)."""
        return None if self._counts is None else self._counts[1]

    def rehearsing(self, db: Database) -> JobContext:
        """This context on ``db`` (a :meth:`~core.db.engine.Database.rehearsal`), marked
        :attr:`dry_run`: what the runner gives a job under ``--dry-run``."""
        return JobContext(
            db=db, plugins=self.plugins, clock=self.clock, settings=self.settings, progress=self.progress, dry_run=True
        )

    @property
    def now(self) -> dt.datetime:
        return self.clock.now()

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[HookContext]:
        """One transaction as the system principal at the root of the tree."""
        async with self.db.unit_of_work() as session:
            root = (
                await session.execute(
                    sa.select(OrgUnit).where(OrgUnit.parent_id.is_(None)).order_by(OrgUnit.id).limit(1)
                )
            ).scalar_one_or_none()
            unit = root.ref() if root else UnitRef(id=0, code="-", name="-", level="head_office", path="/")
            yield HookContext(
                session=session,
                clock=self.clock,
                plugins=self.plugins,
                principal=system_principal(unit),
                unit=unit,
                settings=self.settings,
            )
