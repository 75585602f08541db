"""Reading the bank's configuration: the holiday calendar of a region and the SLA policies
in force at a unit (the nearest unit on the path that sets one wins, else the defaults)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.sdk import HookContext, OrgSnapshot, UnitRef
from plugins.complaints.calendar import Calendar
from plugins.complaints.models import CalendarDay, SlaPolicy
from plugins.complaints.sla import Policy

DEFAULT_POLICY = Policy()
POLICY_FIELDS = Policy.__struct_fields__


async def load_calendar(session: AsyncSession, region: str) -> Calendar:
    """The region's calendar as it stands in this unit of work (a few dozen rows a year)."""
    rows = await session.execute(sa.select(CalendarDay.day, CalendarDay.kind).where(CalendarDay.region == region))
    days: dict[str, list[dt.date]] = defaultdict(list)
    for day, kind in rows:
        days[kind].append(day)
    return Calendar(days["holiday"], days["workday"])


class Calendars:
    """Calendars by region, each read once per unit of work (jobs and re-dating need several)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._loaded: dict[str, Calendar] = {}

    async def get(self, region: str) -> Calendar:
        if region not in self._loaded:
            self._loaded[region] = await load_calendar(self.session, region)
        return self._loaded[region]


def policy_of(row: SlaPolicy) -> Policy:
    return Policy(**{field: getattr(row, field) for field in POLICY_FIELDS})


class PolicyBook:
    """Every policy set at the units it was loaded for, resolved per unit without queries."""

    def __init__(self, org: OrgSnapshot, rows: list[SlaPolicy]) -> None:
        self.org = org
        self.rows = {(row.unit_id, row.category, row.severity): policy_of(row) for row in rows}

    @classmethod
    async def load(cls, ctx: HookContext, *conditions: sa.ColumnElement[bool]) -> PolicyBook:
        org = await ctx.org()
        rows = (await ctx.session.execute(sa.select(SlaPolicy).where(*conditions))).scalars().all()
        return cls(org, list(rows))

    @classmethod
    async def along(cls, ctx: HookContext, unit: UnitRef, category: str, severity: str) -> PolicyBook:
        """Only what can apply at ``unit`` to one category × severity (one small query)."""
        org = await ctx.org()
        return await cls.load(
            ctx,
            SlaPolicy.unit_id.in_([u.id for u in org.ancestry(unit)]),
            SlaPolicy.category == category,
            SlaPolicy.severity == severity,
        )

    def resolve(self, unit: UnitRef, category: str, severity: str) -> tuple[Policy, UnitRef | None]:
        """The policy in force at ``unit`` and the unit that set it (None: the defaults)."""
        for ancestor in reversed(self.org.ancestry(unit)):
            policy = self.rows.get((ancestor.id, category, severity))
            if policy is not None:
                return policy, ancestor
        return DEFAULT_POLICY, None


async def policy_for(ctx: HookContext, unit: UnitRef, category: str, severity: str) -> Policy:
    return (await PolicyBook.along(ctx, unit, category, severity)).resolve(unit, category, severity)[0]


def policy_columns(policy: Policy) -> dict[str, object]:
    """A policy as the columns of :class:`SlaPolicy`."""
    return msgspec.structs.asdict(policy)
