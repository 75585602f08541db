"""Service event routes: record one or a batch (idempotent), look events up, and work
nonconformities through to closure."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
import sqlalchemy as sa
from litestar import Request, Response, get, post
from litestar.datastructures import State
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.idempotency import IdempotencyKey, idempotent
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.event_batch import BatchBody, BatchOut, DecodedBatch
from core.api.schemas.events import (
    ActionIn,
    EventOut,
    EventPage,
    NonconformityOut,
    NonconformityPage,
    NoteIn,
    VerifyIn,
)
from core.context import HookContext
from core.errors import FieldProblem, NotFound
from core.i18n import _
from core.models import (
    Client,
    Nonconformity,
    OrgUnit,
    ServiceEvent,
    Staff,
    StandardVersion,
    Touchpoint,
)
from core.services import events, nonconformities
from core.services.events import Accepted, EventIn, Rejected
from core.services.scope import in_subtree, unit_in_scope
from core.types import Moment


@post(
    "/events",
    guards=[requires("events.record")],
    summary="Record one service event (answered once it is committed, grouped with concurrent ones)",
)
async def record_event(request: Request[Any, Any, Any], state: State, data: JSONBody[EventIn]) -> Accepted:
    answer = await state.events.record(request.user, data)
    if isinstance(answer, Rejected):
        raise FieldProblem([(p.field, p.message) for p in answer.reasons])
    return msgspec.structs.replace(answer, index=0)


@post(
    "/events/batch",
    guards=[requires("events.record")],
    status_code=200,
    dto=BatchBody,
    return_dto=None,
    summary="Record up to 1,000 events: accepted ones stored, rejected ones (whatever is wrong) answered by index",
)
async def record_batch(
    ctx: Ctx, data: JSONBody[DecodedBatch], idempotency_key: IdempotencyKey = None
) -> Response[BatchOut]:
    async def produce() -> BatchOut:
        return BatchOut.of(data, *await events.record(ctx, data.events))

    return await idempotent(
        ctx,
        scope="events.batch",
        key=idempotency_key,
        body=data,
        answer_type=BatchOut,
        produce=produce,
        status_code=200,
    )


EVENTS = (
    sa.select(ServiceEvent, Touchpoint.code, OrgUnit.code, Staff.public_id, Client.public_id, StandardVersion.number)
    .join(Touchpoint, Touchpoint.id == ServiceEvent.touchpoint_id)
    .outerjoin(StandardVersion, StandardVersion.id == ServiceEvent.version_id)
    .join(OrgUnit, OrgUnit.id == ServiceEvent.unit_id)
    .outerjoin(Staff, Staff.id == ServiceEvent.staff_id)
    .outerjoin(Client, Client.id == ServiceEvent.client_id)
)


def present_event(row) -> EventOut:  # type: ignore[no-untyped-def]
    e, tp, unit, staff, client, version = row
    return EventOut(
        id=e.public_id,
        touchpoint=tp,
        unit=unit,
        occurred_at=e.occurred_at,
        channel=e.channel,
        outcome=e.outcome,
        standard_version=version,
        measurements=e.measurements,
        evaluation=e.evaluation,
        staff=staff,
        client=client,
    )


@exportable("events")
@get("/events", guards=[requires("events.read")], summary="Service events in your subtree")
async def list_events(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    touchpoint: FromQuery[str | None] = None,
    outcome: FromQuery[Literal["pass", "fail", "none"] | None] = None,
    since: FromQuery[Moment | None] = None,
    until: FromQuery[Moment | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> EventPage:
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    query = EVENTS.where(in_subtree(scope))
    if touchpoint:
        query = query.where(Touchpoint.code == touchpoint)
    if outcome:
        query = query.where(ServiceEvent.outcome == outcome)
    if since:
        query = query.where(ServiceEvent.occurred_at >= since)
    if until:
        query = query.where(ServiceEvent.occurred_at < until)
    rows, next_cursor = await page(ctx.session, query, ServiceEvent.id, cursor, limit)
    return EventPage(items=[present_event(r) for r in rows], next_cursor=next_cursor)


@get("/events/{event_id:str}", guards=[requires("events.read")], summary="One service event with its evaluation")
async def get_event(ctx: Ctx, event_id: FromPath[str]) -> EventOut:
    row = (
        await ctx.session.execute(EVENTS.where(ServiceEvent.public_id == event_id, in_subtree(ctx.principal.unit)))
    ).one_or_none()
    if row is None:
        raise NotFound(_("no event '{id}'").format(id=event_id))
    return present_event(row)


NCS = (
    sa.select(Nonconformity, ServiceEvent.public_id, OrgUnit.code, Touchpoint.code)
    .join(ServiceEvent, ServiceEvent.id == Nonconformity.event_id)
    .join(OrgUnit, OrgUnit.id == Nonconformity.unit_id)
    .join(Touchpoint, Touchpoint.id == Nonconformity.touchpoint_id)
)


def present_nc(row, now: dt.datetime) -> NonconformityOut:  # type: ignore[no-untyped-def]
    nc, event, unit, tp = row
    return NonconformityOut(
        id=nc.public_id,
        event=event,
        unit=unit,
        touchpoint=tp,
        control_key=nc.control_key,
        control_name=nc.control_name,
        severity=nc.severity,
        measured=nc.measured,
        expected=nc.expected,
        status=nc.status,
        raised_at=nc.raised_at,
        due_at=nc.due_at,
        overdue=nc.status in ("open", "action_recorded") and nc.due_at < now,
        corrective_action=nc.corrective_action,
        action_by=nc.action_by,
        verified_by=nc.verified_by,
        closed_at=nc.closed_at,
    )


@exportable("nonconformities")
@get("/nonconformities", guards=[requires("events.read")], summary="Nonconformities in your subtree")
async def list_ncs(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    status: Annotated[
        Literal["open", "action_recorded", "verified", "closed"] | None, QueryParameter(name="status")
    ] = None,
    overdue: FromQuery[bool] = False,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> NonconformityPage:
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    query = NCS.where(in_subtree(scope))
    if status:
        query = query.where(Nonconformity.status == status)
    if overdue:
        query = query.where(Nonconformity.status.in_(("open", "action_recorded")), Nonconformity.due_at < ctx.now)
    rows, next_cursor = await page(ctx.session, query, Nonconformity.id, cursor, limit)
    return NonconformityPage(items=[present_nc(r, ctx.now) for r in rows], next_cursor=next_cursor)


async def _one(ctx: HookContext, public_id: str) -> NonconformityOut:
    row = (await ctx.session.execute(NCS.where(Nonconformity.public_id == public_id))).one()
    return present_nc(row, ctx.now)


@post(
    "/nonconformities/{nc_id:str}/action",
    guards=[requires("nonconformities.manage")],
    status_code=200,
    summary="Record the corrective action",
)
async def nc_action(ctx: Ctx, nc_id: FromPath[str], data: JSONBody[ActionIn]) -> NonconformityOut:
    await nonconformities.record_action(ctx, nc_id, data.action)
    return await _one(ctx, nc_id)


@post(
    "/nonconformities/{nc_id:str}/verify",
    guards=[requires("nonconformities.verify")],
    status_code=200,
    summary="Verify the corrective action (not effective: back to open)",
)
async def nc_verify(ctx: Ctx, nc_id: FromPath[str], data: JSONBody[VerifyIn]) -> NonconformityOut:
    await nonconformities.verify(ctx, nc_id, data.effective, data.note)
    return await _one(ctx, nc_id)


@post(
    "/nonconformities/{nc_id:str}/close",
    guards=[requires("nonconformities.verify")],
    status_code=200,
    summary="Close a verified nonconformity",
)
async def nc_close(ctx: Ctx, nc_id: FromPath[str], data: JSONBody[NoteIn]) -> NonconformityOut:
    await nonconformities.close(ctx, nc_id, data.note)
    return await _one(ctx, nc_id)


HANDLERS = [record_event, record_batch, list_events, get_event, list_ncs, nc_action, nc_verify, nc_close]
