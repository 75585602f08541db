"""Report routes: redemptions and cost by perk, tier, unit and period; utilisation of quota."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import get
from litestar.params import FromQuery, QueryParameter

from core.sdk import Ctx, FieldProblem, Moment, exportable, report_window, requires
from plugins.vip_benefits import reports
from plugins.vip_benefits.access import REPORTS
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.reports import (
    RedemptionFigure,
    ReportPeriod,
    UtilisationFigure,
)

Depth = Annotated[int, QueryParameter(ge=0, le=3, description="Levels below the unit shown, each rolled up")]
LONGEST = dt.timedelta(days=1100)


@exportable("redemption-report", xlsx=True)
@get(
    "/reports/redemptions",
    guards=[requires(REPORTS)],
    summary="Redemptions, cancellations, companions and cost by unit (rolled up) × perk × tier × period",
)
async def redemption_report(
    ctx: Ctx,
    since: FromQuery[Moment | None] = None,
    until: FromQuery[Moment | None] = None,
    period: FromQuery[ReportPeriod] = "month",
    unit: FromQuery[str | None] = None,
    depth: Depth = 1,
) -> list[RedemptionFigure]:
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise FieldProblem.one(name, _("give a time zone (e.g. 2026-11-01T00:00:00+08:00)"))
    since, until = report_window(since, until, ctx.now)  # without a period: the current quarter
    if until <= since:
        raise FieldProblem.one("until", _("must be after since"))
    if until - since > LONGEST:
        raise FieldProblem.one("until", _("a report covers at most three years"))
    scope = await ctx.unit_in_scope(unit) if unit else ctx.principal.unit
    return await reports.redemptions(ctx, scope, period, since, until, depth)


@exportable("utilisation-report", xlsx=True)
@get(
    "/reports/utilisation",
    guards=[requires(REPORTS)],
    summary="Share of the quota used by unit (rolled up) × perk × tier, in the period containing a moment",
)
async def utilisation_report(
    ctx: Ctx, at: FromQuery[Moment | None] = None, unit: FromQuery[str | None] = None, depth: Depth = 1
) -> list[UtilisationFigure]:
    if at is not None and at.tzinfo is None:
        raise FieldProblem.one("at", _("give a time zone (e.g. 2026-11-20T00:00:00+08:00)"))
    scope = await ctx.unit_in_scope(unit) if unit else ctx.principal.unit
    return await reports.utilisation(ctx, scope, at or ctx.now, depth)


HANDLERS = [redemption_report, utilisation_report]
