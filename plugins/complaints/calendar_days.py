"""The bank's holiday calendar, maintained through the API: seeded per year and region from
the ``holidays`` package, then corrected by head office (a holiday added, a make-up working
day announced late, a seeded day removed). Every change is audited with its reason and
re-dates the open orders counted on that region's calendar, so no deadline is left stale.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from core.sdk import FieldProblem, HookContext, NotFound, require_reason, upsert
from plugins.complaints.calendar import DayKind, seed_entries
from plugins.complaints.i18n import _
from plugins.complaints.models import CalendarDay, WorkOrder
from plugins.complaints.redating import redate_open
from plugins.complaints.schemas import CalendarDayOut, CalendarOut

ENTITY = "complaints_calendar"


async def year(ctx: HookContext, region: str, number: int, *, redated: int = 0) -> CalendarOut:
    rows = (
        await ctx.session.execute(
            sa.select(CalendarDay)
            .where(
                CalendarDay.region == region,
                CalendarDay.day >= dt.date(number, 1, 1),
                CalendarDay.day <= dt.date(number, 12, 31),
            )
            .order_by(CalendarDay.day)
        )
    ).scalars()
    return CalendarOut(
        region=region,
        year=number,
        redated=redated,
        days=[
            CalendarDayOut(
                day=r.day,
                kind=r.kind,
                name=r.name,
                source=r.source,
                changed_by=r.changed_by,  # type: ignore[arg-type]
                changed_at=r.changed_at,
            )
            for r in rows
        ],
    )


async def _redate(ctx: HookContext, region: str) -> int:
    return await redate_open(ctx, WorkOrder.region == region, at=ctx.now)


async def seed(ctx: HookContext, region: str, number: int, reason: str) -> CalendarOut:
    """Add the public holidays and make-up days the package knows for the year; days the bank
    already has (seeded or its own) are left as they are."""
    reason = require_reason(reason)
    try:
        entries = seed_entries(region, number)
    except KeyError as exc:
        raise FieldProblem.one(
            "region", _("the holidays package knows no region '{region}'").format(region=region)
        ) from exc
    rows = [
        {
            "region": region,
            "day": day,
            "kind": kind,
            "name": name,
            "source": "seed",
            "changed_by": ctx.principal.label,
            "changed_at": ctx.now,
        }
        for day, kind, name in entries
    ]
    result = (
        await ctx.session.execute(
            upsert(ctx.session, CalendarDay).values(rows).on_conflict_do_nothing(index_elements=["region", "day"])
        )
        if rows
        else None
    )
    added = (result.rowcount or 0) if result is not None else 0  # type: ignore[attr-defined]
    ctx.audit(entity=ENTITY, entity_id=f"{region}:{number}", action="seeded", after={"added": added}, reason=reason)
    return await year(ctx, region, number, redated=await _redate(ctx, region) if added else 0)


async def set_day(ctx: HookContext, region: str, day: dt.date, kind: DayKind, name: str, reason: str) -> CalendarOut:
    """Make ``day`` a holiday or a make-up working day of ``region`` (replacing what it was)."""
    reason = require_reason(reason)
    row = (
        await ctx.session.execute(sa.select(CalendarDay).where(CalendarDay.region == region, CalendarDay.day == day))
    ).scalar_one_or_none()
    before = {"kind": row.kind, "name": row.name} if row else None
    if row is None:
        row = CalendarDay(region=region, day=day)
        ctx.session.add(row)
    row.kind, row.name, row.source, row.changed_by, row.changed_at = kind, name, "bank", ctx.principal.label, ctx.now
    await ctx.session.flush()
    ctx.audit(
        entity=ENTITY,
        entity_id=f"{region}:{day.isoformat()}",
        action="set",
        before=before,
        after={"kind": kind, "name": name},
        reason=reason,
    )
    return await year(ctx, region, day.year, redated=await _redate(ctx, region))


async def remove_day(ctx: HookContext, region: str, day: dt.date, reason: str) -> CalendarOut:
    """``day`` becomes an ordinary day again (a weekday works, a weekend rests)."""
    reason = require_reason(reason)
    row = (
        await ctx.session.execute(sa.select(CalendarDay).where(CalendarDay.region == region, CalendarDay.day == day))
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(_("{day} is an ordinary day in {region}'s calendar").format(day=day.isoformat(), region=region))
    ctx.audit(
        entity=ENTITY,
        entity_id=f"{region}:{day.isoformat()}",
        action="removed",
        before={"kind": row.kind, "name": row.name},
        reason=reason,
    )
    await ctx.session.delete(row)
    await ctx.session.flush()
    return await year(ctx, region, day.year, redated=await _redate(ctx, region))
