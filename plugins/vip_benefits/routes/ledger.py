"""Client-facing routes: a client's balance, redemptions (idempotent, quota-safe) and their
cancellation, and the client-care tasks the birthday job opens.

Each is checked where its record is: a balance at the client's unit (the guard reads the
``client_id`` path parameter), a redemption or a care task (``AT_RECORD``) by the services, at the
unit of the client redeeming or of the record, so head-office staff reach a pilot's clients
without naming a unit."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar import Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from core.sdk import (
    AT_RECORD,
    DEFAULT_LIMIT,
    Ctx,
    RequiredIdempotencyKey,
    exportable,
    idempotent,
    page,
    requires,
)
from plugins.vip_benefits import balance, care, redemptions
from plugins.vip_benefits.access import CARE, READ, REDEEM
from plugins.vip_benefits.models import CareTask, Redemption
from plugins.vip_benefits.schemas import (
    BalanceOut,
    Cancellation,
    CareTaskOut,
    CareTaskPage,
    Redeemed,
    RedemptionIn,
    RedemptionOut,
    RedemptionPage,
    Status,
)


@get(
    "/clients/{client_id:str}/balance",
    guards=[requires(READ)],
    summary="What a client can still use: quota, use and what is left per perk, and any grace period",
)
async def client_balance(ctx: Ctx, client_id: FromPath[str]) -> BalanceOut:
    return await balance.balance(ctx, client_id)


@post(
    "/redemptions",
    guards=[requires(REDEEM)],
    opt=AT_RECORD,
    summary="Redeem or book a perk for a client (Idempotency-Key required; quota checked and used atomically)",
)
async def redeem(ctx: Ctx, data: JSONBody[RedemptionIn], idempotency_key: RequiredIdempotencyKey) -> Response[Redeemed]:
    return await idempotent(
        ctx,
        scope="vip_benefits.redeem",
        key=idempotency_key,
        body=data,
        answer_type=Redeemed,
        produce=lambda: redemptions.redeem(ctx, data),
    )


@exportable("redemptions")
@get("/redemptions", guards=[requires(READ)], summary="Redemptions served in a unit's subtree")
async def list_redemptions(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    client: FromQuery[str | None] = None,
    perk: FromQuery[str | None] = None,
    status: Annotated[Status | None, QueryParameter()] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> RedemptionPage:
    scope = await ctx.unit_in_scope(unit) if unit else ctx.principal.unit
    rows, next_cursor = await page(
        ctx.session,
        redemptions.list_query(scope, client=client, perk=perk, status=status),
        Redemption.id,
        cursor,
        limit,
    )
    return RedemptionPage(items=[redemptions.present(r, c, p, u) for r, c, p, u in rows], next_cursor=next_cursor)


@get("/redemptions/{redemption_id:str}", guards=[requires(READ)], opt=AT_RECORD, summary="One redemption")
async def get_redemption(ctx: Ctx, redemption_id: FromPath[str]) -> RedemptionOut:
    found, client, perk, unit = await redemptions.find(ctx, redemption_id)
    return redemptions.present(found, client, perk.code, unit.code)


@post(
    "/redemptions/{redemption_id:str}/cancel",
    guards=[requires(REDEEM)],
    opt=AT_RECORD,
    status_code=200,
    summary="Cancel within the perk's window: the quota comes back",
)
async def cancel_redemption(ctx: Ctx, redemption_id: FromPath[str], data: JSONBody[Cancellation]) -> RedemptionOut:
    return await redemptions.cancel(ctx, redemption_id, data.reason)


def _task(task: CareTask, client: str, unit: str) -> CareTaskOut:
    return CareTaskOut(
        id=task.public_id,
        client=client,
        unit=unit,
        kind=task.kind,
        year=task.year,
        due_on=task.due_on,
        status=task.status,
        created_at=task.created_at,
        done_at=task.done_at,
        done_by=task.done_by,
    )


@exportable("care-tasks")
@get("/care-tasks", guards=[requires(READ)], summary="Client-care tasks (birthdays) of a unit's subtree")
async def list_care_tasks(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    status: Annotated[Literal["open", "done"] | None, QueryParameter()] = None,
    year: Annotated[int | None, QueryParameter(ge=1900, le=2200)] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> CareTaskPage:
    scope = await ctx.unit_in_scope(unit) if unit else ctx.principal.unit
    rows, next_cursor = await page(
        ctx.session, care.list_query(scope, status=status, year=year), CareTask.id, cursor, limit
    )
    return CareTaskPage(items=[_task(t, c, u) for t, c, u in rows], next_cursor=next_cursor)


@post(
    "/care-tasks/{task_id:str}/done",
    guards=[requires(CARE)],
    opt=AT_RECORD,
    status_code=200,
    summary="Close a care task",
)
async def close_care_task(ctx: Ctx, task_id: FromPath[str]) -> CareTaskOut:
    return _task(*await care.done(ctx, task_id))


HANDLERS = [
    client_balance,
    redeem,
    list_redemptions,
    get_redemption,
    cancel_redemption,
    list_care_tasks,
    close_care_task,
]
