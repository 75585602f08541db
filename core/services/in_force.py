"""Which standard version is in force at a unit at a moment.

Recording events asks this for every event, so the answer comes from a per-process
:class:`StandardsSnapshot` labelled with the ``standards`` generation (bumped by every
status change of a version), never from a query per event.

Each version comes with its :class:`~core.measurements.MeasurementSchema`, compiled from its
controls when the snapshot loads, so checking an event's measurements costs no work per
event beyond the check itself.

Rules: a pilot version is in force from ``pilot_started_at`` at its pilot units and their
subtrees, until it is published or retired; a published version is in force everywhere
from ``published_at`` until ``retired_at``. Where both apply, the pilot wins.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core import generations
from core.measurements import MeasurementSchema
from core.models.standards import PilotUnit, StandardVersion, Touchpoint
from core.types import ControlKind, UnitRef

if TYPE_CHECKING:
    from core.plugins import OrgSnapshot

GENERATION = "standards"


class VersionInForce(msgspec.Struct, frozen=True):
    """What evaluating an event needs of a version."""

    id: int
    touchpoint_id: int
    number: int
    controls: tuple[dict[str, Any], ...]
    pilot_unit_ids: tuple[int, ...]
    pilot_from: dt.datetime | None
    published_from: dt.datetime | None
    until: dt.datetime | None
    schema: MeasurementSchema
    """What the version reads from an event's measurements."""


def _in_pilot(version: VersionInForce, unit: UnitRef, at: dt.datetime, org: OrgSnapshot) -> bool:
    if version.pilot_from is None or at < version.pilot_from:
        return False
    pilot_end = version.published_from or version.until
    if pilot_end is not None and at >= pilot_end:
        return False
    return any(uid in org.units and unit.path.startswith(org.units[uid].path) for uid in version.pilot_unit_ids)


def _published(version: VersionInForce, at: dt.datetime) -> bool:
    return (
        version.published_from is not None
        and version.published_from <= at
        and (version.until is None or at < version.until)
    )


class TouchpointRef(msgspec.Struct, frozen=True):
    id: int
    code: str
    channel: str


class StandardsSnapshot:
    """The catalogue, and every version that is or was in force by touchpoint, newest first."""

    def __init__(self, generation: int, versions: list[VersionInForce], touchpoints: list[TouchpointRef]) -> None:
        self.generation = generation
        self.touchpoints = {t.code: t for t in touchpoints}
        self.by_touchpoint: dict[int, list[VersionInForce]] = defaultdict(list)
        for version in sorted(versions, key=lambda v: v.number, reverse=True):
            self.by_touchpoint[version.touchpoint_id].append(version)

    def in_force(self, touchpoint_id: int, unit: UnitRef, at: dt.datetime, org: OrgSnapshot) -> VersionInForce | None:
        versions = self.by_touchpoint.get(touchpoint_id, ())
        for version in versions:
            if _in_pilot(version, unit, at, org):
                return version
        for version in versions:
            if _published(version, at):
                return version
        return None


class StandardsCache:
    """Holds the snapshot for one process; reloads when the generation moved.

    ``kinds`` gives the installed control kinds (asked when a snapshot loads), whose
    declarations compile each version's measurement schema.
    """

    def __init__(self, kinds: Callable[[], Mapping[str, ControlKind]]) -> None:
        self._kinds = kinds
        self._cache = generations.GenerationCache(GENERATION, self._load)

    async def snapshot(self, session: AsyncSession) -> StandardsSnapshot:
        return await self._cache.get(session)

    async def _load(self, session: AsyncSession, generation: int) -> StandardsSnapshot:
        pilots: dict[int, list[int]] = defaultdict(list)
        for version_id, unit_id in await session.execute(sa.select(PilotUnit.version_id, PilotUnit.unit_id)):
            pilots[version_id].append(unit_id)
        touchpoints = [
            TouchpointRef(id=i, code=c, channel=ch)
            for i, c, ch in await session.execute(sa.select(Touchpoint.id, Touchpoint.code, Touchpoint.channel))
        ]
        codes, kinds = {t.id: t.code for t in touchpoints}, self._kinds()
        rows = (
            await session.execute(
                sa.select(StandardVersion).where(
                    sa.or_(StandardVersion.pilot_started_at.is_not(None), StandardVersion.published_at.is_not(None))
                )
            )
        ).scalars()
        versions = [
            VersionInForce(
                id=v.id,
                touchpoint_id=v.touchpoint_id,
                number=v.number,
                controls=tuple(v.controls),
                pilot_unit_ids=tuple(pilots.get(v.id, ())),
                pilot_from=v.pilot_started_at,
                published_from=v.published_at,
                until=v.retired_at,
                schema=MeasurementSchema.compile(f"{codes[v.touchpoint_id]} version {v.number}", v.controls, kinds),
            )
            for v in rows
        ]
        return StandardsSnapshot(generation, versions, touchpoints)
