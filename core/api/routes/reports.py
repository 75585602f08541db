"""Report routes: compliance, nonconformities, pilot versus the rest of the network."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import get
from litestar.params import FromPath, FromQuery, QueryParameter

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.chinatime import report_window
from core.context import HookContext
from core.errors import FieldProblem
from core.i18n import _
from core.services import compliance
from core.services.compliance import (
    ComplianceRow,
    FrequencyFigure,
    NonconformitySummary,
    PeriodKind,
    PilotComparison,
)
from core.services.scope import unit_in_scope
from core.types import Moment

Depth = Annotated[int, QueryParameter(ge=0, le=3)]
LONGEST = dt.timedelta(days=400)


def _window(ctx: HookContext, since: dt.datetime | None, until: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    """A report's period is ``[since, until)`` of at most :data:`LONGEST` (its buckets are
    counted in one statement, which a window of centuries would make crawl); without one, the
    current quarter in China time."""
    since, until = report_window(since, until, ctx.now)
    if until <= since:
        raise FieldProblem.one("until", _("must be after since"))
    if until - since > LONGEST:
        raise FieldProblem.one("until", _("a report covers at most {days} days").format(days=LONGEST.days))
    return since, until


@exportable("compliance", xlsx=True)
@get(
    "/reports/compliance",
    guards=[requires("reports.read")],
    summary="Compliance rate by unit (rolled up) × touchpoint × period",
)
async def compliance_report(
    ctx: Ctx,
    since: FromQuery[Moment | None] = None,
    until: FromQuery[Moment | None] = None,
    period: FromQuery[PeriodKind] = "month",
    unit: FromQuery[str | None] = None,
    touchpoint: FromQuery[str | None] = None,
    depth: Depth = 1,
) -> list[ComplianceRow]:
    since, until = _window(ctx, since, until)
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    return await compliance.compliance(ctx, scope, period, since, until, touchpoint, depth)


@exportable("nonconformity-report", xlsx=True)
@get(
    "/reports/nonconformities",
    guards=[requires("reports.read")],
    summary="Open and overdue nonconformities, rolled up the tree",
)
async def nc_report(ctx: Ctx, unit: FromQuery[str | None] = None, depth: Depth = 1) -> list[NonconformitySummary]:
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    return await compliance.nonconformity_summary(ctx, scope, depth)


@exportable("pilot-comparison", xlsx=True)
@get(
    "/reports/pilots/{version_id:str}",
    guards=[requires("reports.read")],
    summary="A piloted standard beside the rest of the network, same window, same metrics",
)
async def pilot_report(ctx: Ctx, version_id: FromPath[str]) -> PilotComparison:
    return await compliance.pilot_comparison(ctx, version_id)


@exportable("frequency", xlsx=True)
@get(
    "/reports/frequency",
    guards=[requires("reports.read")],
    summary="Frequency controls by tier (e.g. gold clients visited at least monthly)",
)
async def frequency_report(
    ctx: Ctx,
    touchpoint: FromQuery[str],
    since: FromQuery[Moment | None] = None,
    until: FromQuery[Moment | None] = None,
    unit: FromQuery[str | None] = None,
) -> list[FrequencyFigure]:
    since, until = _window(ctx, since, until)
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    return await compliance.frequency(ctx, scope, touchpoint, since, until)


HANDLERS = [compliance_report, nc_report, pilot_report, frequency_report]
