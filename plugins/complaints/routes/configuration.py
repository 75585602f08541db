"""Configuration and report routes: SLA policies per unit, the holiday calendar per region,
and the complaint report.

The calendar is the bank's, per region rather than per unit, so its routes are guarded at
the caller's unit (or the unit named by ``?unit=``, like every plugin route).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from litestar import delete, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from core.sdk import Ctx, FieldProblem, Moment, PeriodKind, exportable, report_window, requires
from plugins.complaints import calendar_days, policies, reports
from plugins.complaints.i18n import _
from plugins.complaints.permissions import CALENDAR, POLICIES, READ, REPORTS
from plugins.complaints.reports import ReportRow
from plugins.complaints.schemas import (
    CalendarDayIn,
    CalendarOut,
    PolicyIn,
    PolicyOut,
    Region,
    SeedIn,
)

POLICY = "/units/{unit_code:str}/policies/{category:str}/{severity:str}"
Year = Annotated[int, QueryParameter(ge=2000, le=2100)]
Depth = Annotated[int, QueryParameter(ge=0, le=3)]
MAX_REPORT_DAYS = 400


def _region(region: str) -> str:
    try:
        return msgspec.convert(region, Region)
    except msgspec.ValidationError as exc:
        raise FieldProblem.one("region", _("a country code such as CN, or country-subdivision such as CN-GD")) from exc


@exportable("complaint-policies")
@get(
    "/units/{unit_code:str}/policies",
    guards=[requires(READ)],
    summary="The SLA policy in force at a unit for every category × severity, and where each was set",
)
async def list_policies(ctx: Ctx, unit_code: FromPath[str]) -> list[PolicyOut]:
    return await policies.matrix(ctx, unit_code)


@put(
    POLICY,
    guards=[requires(POLICIES)],
    summary="Set a unit's SLA policy for a category × severity (re-dates open orders)",
)
async def set_policy(
    ctx: Ctx, unit_code: FromPath[str], category: FromPath[str], severity: FromPath[str], data: JSONBody[PolicyIn]
) -> PolicyOut:
    return await policies.set_policy(ctx, unit_code, category, severity, data.policy, data.reason)


@delete(
    POLICY,
    guards=[requires(POLICIES)],
    status_code=200,
    summary="Remove a unit's own SLA policy: it inherits again (re-dates open orders)",
)
async def clear_policy(
    ctx: Ctx, unit_code: FromPath[str], category: FromPath[str], severity: FromPath[str], reason: FromQuery[str]
) -> PolicyOut:
    return await policies.clear_policy(ctx, unit_code, category, severity, reason)


def _day(day: str) -> dt.date:
    try:
        return dt.date.fromisoformat(day)
    except ValueError as exc:
        raise FieldProblem.one("day", _("a date such as 2026-10-08")) from exc


@get(
    "/calendars/{region:str}", guards=[requires(READ)], summary="A region's holidays and make-up working days in a year"
)
async def calendar_year(ctx: Ctx, region: FromPath[str], year: Year) -> CalendarOut:
    return await calendar_days.year(ctx, _region(region), year)


@post(
    "/calendars/{region:str}/seed",
    guards=[requires(CALENDAR)],
    status_code=200,
    summary="Seed a year from the holidays package (adds only the days the calendar lacks)",
)
async def seed_calendar(ctx: Ctx, region: FromPath[str], data: JSONBody[SeedIn]) -> CalendarOut:
    return await calendar_days.seed(ctx, _region(region), data.year, data.reason)


@put(
    "/calendars/{region:str}/days/{day:str}",
    guards=[requires(CALENDAR)],
    summary="Make a day a holiday or a make-up working day (re-dates open orders)",
)
async def set_calendar_day(
    ctx: Ctx, region: FromPath[str], day: FromPath[str], data: JSONBody[CalendarDayIn]
) -> CalendarOut:
    return await calendar_days.set_day(ctx, _region(region), _day(day), data.kind, data.name, data.reason)


@delete(
    "/calendars/{region:str}/days/{day:str}",
    guards=[requires(CALENDAR)],
    status_code=200,
    summary="Make a day ordinary again (re-dates open orders)",
)
async def remove_calendar_day(
    ctx: Ctx, region: FromPath[str], day: FromPath[str], reason: FromQuery[str]
) -> CalendarOut:
    return await calendar_days.remove_day(ctx, _region(region), _day(day), reason)


@exportable("complaint-report", xlsx=True)
@get(
    "/reports",
    guards=[requires(REPORTS)],
    summary="Complaints per 10,000 clients, time to first contact and to resolution, breach, justified and "
    "reopen rates, by unit (rolled up), category and period",
)
async def complaint_report(
    ctx: Ctx,
    since: FromQuery[Moment | None] = None,
    until: FromQuery[Moment | None] = None,
    period: FromQuery[PeriodKind] = "month",
    unit: FromQuery[str | None] = None,
    category: FromQuery[str | None] = None,
    depth: Depth = 1,
) -> list[ReportRow]:
    since, until = report_window(since, until, ctx.now)  # without a period: the current quarter
    if until <= since:
        raise FieldProblem.one("until", _("must be after since"))
    if until - since > dt.timedelta(days=MAX_REPORT_DAYS):
        raise FieldProblem.one("until", _("a report covers at most {days} days").format(days=MAX_REPORT_DAYS))
    scope = await ctx.unit_in_scope(unit) if unit else ctx.principal.unit
    return await reports.report(ctx, scope, period, since, until, depth, category)


HANDLERS = [
    list_policies,
    set_policy,
    clear_policy,
    calendar_year,
    seed_calendar,
    set_calendar_day,
    remove_calendar_day,
    complaint_report,
]
