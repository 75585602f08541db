"""Work-order routes: intake, the queue, one order, its steps and its extensions.

Every step answers with the whole order (its deadlines re-dated), so a client never needs a
second call to see what a step changed.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from core.sdk import (
    DEFAULT_LIMIT,
    Ctx,
    HookContext,
    IdempotencyKey,
    exportable,
    idempotent,
    page,
    requires,
)
from plugins.complaints import extensions, intake, transitions
from plugins.complaints.access import order_at, where_enabled
from plugins.complaints.lifecycle import Action, State
from plugins.complaints.models import WorkOrder
from plugins.complaints.permissions import (
    APPROVE_EXTENSION,
    EXTEND,
    HANDLE,
    INTAKE,
    READ,
    REOPEN,
    RESOLVE,
)
from plugins.complaints.presenting import detail, figures, queue_query, summary
from plugins.complaints.schemas import (
    ExtensionDecisionIn,
    IntakeIn,
    NoteIn,
    OrderOut,
    OrderPage,
    QueueFigures,
    ReasonIn,
    ResolveIn,
    Severity,
)

UNIT = "/units/{unit_code:str}"
StateFilter = Annotated[State | None, QueryParameter(name="state", description="only orders in this state")]
ORDER = UNIT + "/complaints/{order_id:str}"


@post(
    f"{UNIT}/complaints",
    guards=[requires(INTAKE)],
    summary="Take a complaint in (an Idempotency-Key makes retries from an integration safe)",
)
async def take_in(
    ctx: Ctx, unit_code: FromPath[str], data: JSONBody[IntakeIn], idempotency_key: IdempotencyKey = None
) -> Response[OrderOut]:
    async def produce() -> OrderOut:
        return await detail(ctx, await intake.take_in(ctx, unit_code, data))

    return await idempotent(
        ctx, scope=f"{INTAKE}:{unit_code}", key=idempotency_key, body=data, answer_type=OrderOut, produce=produce
    )


@exportable("complaints")
@get(
    f"{UNIT}/complaints",
    guards=[requires(READ)],
    summary="The queue of a unit's subtree, with each order's SLA countdown and escalation level",
)
async def queue(
    ctx: Ctx,
    unit_code: FromPath[str],
    order_state: StateFilter = None,
    category: FromQuery[str | None] = None,
    severity: FromQuery[Severity | None] = None,
    handling_unit: FromQuery[str | None] = None,
    overdue: FromQuery[bool] = False,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> OrderPage:
    scope = await ctx.unit_in_scope(unit_code)
    handling_id = (await ctx.unit_by_code(handling_unit)).id if handling_unit else None
    query = queue_query(
        await where_enabled(ctx, scope, WorkOrder.unit_id),
        state=order_state,
        category=category,
        severity=severity,
        handling_unit_id=handling_id,
        overdue_at=ctx.now if overdue else None,
    )
    rows, next_cursor = await page(ctx.session, query, WorkOrder.id, cursor, limit)
    return OrderPage(items=[await summary(ctx, order, client) for order, client in rows], next_cursor=next_cursor)


@exportable("complaint-summary", xlsx=True)
@get(
    f"{UNIT}/complaints/summary",
    guards=[requires(READ)],
    summary="How a unit's open orders stand: how many, overdue, escalated, due within 24 hours",
)
async def queue_summary(ctx: Ctx, unit_code: FromPath[str]) -> QueueFigures:
    return await figures(ctx, await ctx.unit_in_scope(unit_code))


async def _current(ctx: HookContext, unit_code: str, order_id: str) -> OrderOut:
    order, _ = await order_at(ctx, unit_code, order_id)
    return await detail(ctx, order)


@get(ORDER, guards=[requires(READ)], summary="A work order with all its deadlines, steps and extensions")
async def get_order(ctx: Ctx, unit_code: FromPath[str], order_id: FromPath[str]) -> OrderOut:
    return await _current(ctx, unit_code, order_id)


def _note_step(action: Action, permission: str, summary: str) -> Any:
    """A step that takes only a note (the same handler shape for each such action)."""

    async def step(ctx: Ctx, unit_code: FromPath[str], order_id: FromPath[str], data: JSONBody[NoteIn]) -> OrderOut:
        return await detail(ctx, await transitions.act(ctx, unit_code, order_id, action, note=data.note))

    return post(
        f"{ORDER}/{action}",
        guards=[requires(permission)],
        status_code=200,
        summary=summary,
        name=f"complaints-{action}",
        operation_id=f"complaints_{action}",
    )(step)


NOTE_STEPS = [
    _note_step("acknowledge", HANDLE, "Record the first contact with the client"),
    _note_step("investigate", HANDLE, "Start the investigation"),
    _note_step("wait", HANDLE, "Wait for the client (the SLA clock stops if the policy says so)"),
    _note_step("resume", HANDLE, "Resume the investigation after waiting for the client"),
    _note_step("reply", HANDLE, "Record the decision told to the client"),
    _note_step("close", HANDLE, "Close the order"),
]


@post(
    f"{ORDER}/resolve",
    guards=[requires(RESOLVE)],
    status_code=200,
    summary="Propose the resolution: justified or not, apology, compensation",
)
async def resolve(ctx: Ctx, unit_code: FromPath[str], order_id: FromPath[str], data: JSONBody[ResolveIn]) -> OrderOut:
    return await detail(ctx, await transitions.act(ctx, unit_code, order_id, "resolve", resolution=data))


@post(
    f"{ORDER}/reopen",
    guards=[requires(REOPEN)],
    status_code=200,
    summary="Reopen an order the client disputes, within the window after the reply",
)
async def reopen(ctx: Ctx, unit_code: FromPath[str], order_id: FromPath[str], data: JSONBody[ReasonIn]) -> OrderOut:
    return await detail(ctx, await transitions.act(ctx, unit_code, order_id, "reopen", reason=data.reason))


@post(
    f"{ORDER}/extensions",
    guards=[requires(EXTEND)],
    summary="Extend the decision deadline (the further extension waits for approval from the level above)",
)
async def extend(ctx: Ctx, unit_code: FromPath[str], order_id: FromPath[str], data: JSONBody[ReasonIn]) -> OrderOut:
    await extensions.request(ctx, unit_code, order_id, data.reason)
    return await _current(ctx, unit_code, order_id)


@post(
    f"{ORDER}/extensions/{{extension_id:str}}/decision",
    guards=[requires(APPROVE_EXTENSION)],
    status_code=200,
    summary="Approve or reject a further extension for a unit below yours (a rejection gives its reason)",
)
async def decide_extension(
    ctx: Ctx,
    unit_code: FromPath[str],
    order_id: FromPath[str],
    extension_id: FromPath[str],
    data: JSONBody[ExtensionDecisionIn],
) -> OrderOut:
    await extensions.decide(ctx, unit_code, order_id, extension_id, approve=data.approve, note=data.note)
    return await _current(ctx, unit_code, order_id)


HANDLERS = [take_in, queue, queue_summary, get_order, *NOTE_STEPS, resolve, reopen, extend, decide_extension]
