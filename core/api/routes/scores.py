"""Score routes: client value, service quality of units and staff, the customer-manager
scorecard and its assessments. Every score lists its components with their weights."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

import msgspec
from litestar import get, put
from litestar.datastructures import State
from litestar.params import FromPath, FromQuery, JSONBody

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.chinatime import report_window
from core.errors import FieldProblem
from core.i18n import _
from core.services import scoring
from core.services.scope import unit_in_scope
from core.services.scoring import ScoreBreakdown
from core.types import FiniteDecimal, Moment


class AssessmentIn(msgspec.Struct, forbid_unknown_fields=True):
    since: Moment
    until: Moment
    item: Literal["marketing", "basic_service", "service_quality", "work_planning", "product_knowledge", "adjustment"]
    value: FiniteDecimal
    note: str = ""


def _period(since: dt.datetime | None, until: dt.datetime | None, now: dt.datetime) -> scoring.Period:
    """The scored period; without one, the current quarter in China time."""
    since, until = report_window(since, until, now)
    if until <= since:
        raise FieldProblem.one("until", _("must be after since"))
    return scoring.period_of(since, until)


@exportable("client-score", rows="components")
@get("/scores/clients/{client_id:str}", guards=[requires("clients.read")], summary="A client's value and tier")
async def client_score(ctx: Ctx, client_id: FromPath[str]) -> ScoreBreakdown:
    return await scoring.client_value(ctx, client_id)


@exportable("unit-score", xlsx=True, rows="components")
@get("/scores/units/{unit_code:str}", guards=[requires("scores.read")], summary="A unit's service quality")
async def unit_score(
    ctx: Ctx, unit_code: FromPath[str], since: FromQuery[Moment | None] = None, until: FromQuery[Moment | None] = None
) -> ScoreBreakdown:
    return await scoring.unit_quality(ctx, await unit_in_scope(ctx, unit_code), _period(since, until, ctx.now))


@exportable("staff-score", xlsx=True, rows="components")
@get("/scores/staff/{staff_id:str}", guards=[requires("scores.read")], summary="A staff member's service quality")
async def staff_score(
    ctx: Ctx, staff_id: FromPath[str], since: FromQuery[Moment | None] = None, until: FromQuery[Moment | None] = None
) -> ScoreBreakdown:
    return await scoring.staff_quality(ctx, staff_id, _period(since, until, ctx.now))


@exportable("scorecard", xlsx=True, rows="components")
@get("/scorecards/{staff_id:str}", guards=[requires("scores.read")], summary="The customer-manager scorecard")
async def scorecard(
    ctx: Ctx,
    state: State,
    staff_id: FromPath[str],
    since: FromQuery[Moment | None] = None,
    until: FromQuery[Moment | None] = None,
) -> ScoreBreakdown:
    return await scoring.scorecard(ctx, staff_id, _period(since, until, ctx.now), state.settings.scorecard)


@put(
    "/scorecards/{staff_id:str}/assessments",
    guards=[requires("scores.assess")],
    summary="Enter an assessed item (marketing attainment, a process item 0–10, an adjustment)",
)
async def assess(ctx: Ctx, state: State, staff_id: FromPath[str], data: JSONBody[AssessmentIn]) -> ScoreBreakdown:
    period = _period(data.since, data.until, ctx.now)
    limits = {"marketing": (Decimal(0), Decimal(5)), "adjustment": (Decimal(-20), Decimal(20))}
    low, high = limits.get(data.item, (Decimal(0), Decimal(10)))
    if not low <= data.value <= high:
        raise FieldProblem.one(
            "value", _("{item} must be between {low} and {high}").format(item=data.item, low=low, high=high)
        )
    await scoring.assess(ctx, staff_id, period, data.item, data.value, data.note)
    return await scoring.scorecard(ctx, staff_id, period, state.settings.scorecard)


HANDLERS = [client_score, unit_score, staff_score, scorecard, assess]
