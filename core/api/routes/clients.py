"""Client routes: search, create, change with reasons, lifecycle, manager, tier, history, 360°.

Clients outside the caller's subtree answer 404; personal data is masked for roles without
``clients.personal_data``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any

import msgspec
import sqlalchemy as sa
from litestar import get, patch, post, put
from litestar.datastructures import State
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas import UnitOut
from core.api.schemas.clients import (
    Client360,
    ClientCreate,
    ClientOut,
    ClientPage,
    ClientPatch,
    HistoryChange,
    HistoryEntry,
    HistoryPage,
    ManagerChange,
    ManagerOut,
    TierChange,
    Transition,
    ViewFieldOut,
    ViewSectionOut,
    WithReason,
)
from core.context import HookContext
from core.errors import check_choice
from core.models import Client, ClientHistory, Staff
from core.services import clients
from core.services.masking import PERSONAL_FIELDS, mask
from core.services.scope import unit_by_id, unit_in_scope
from core.types import ClientKind, ClientState
from core.view_fields import field_text, fields_of


async def present(ctx: HookContext, rows: Sequence[Client]) -> list[ClientOut]:
    """Clients as the caller may see them (one query for all their managers)."""
    manager_ids = {c.manager_id for c in rows if c.manager_id}
    managers = (
        {s.id: s for s in (await ctx.session.execute(sa.select(Staff).where(Staff.id.in_(manager_ids)))).scalars()}
        if manager_ids
        else {}
    )
    out = []
    for c in rows:
        manager = managers.get(c.manager_id) if c.manager_id else None
        out.append(
            ClientOut(
                id=c.public_id,
                kind=c.kind,
                name=c.name,
                state=c.state,
                tier=c.tier,
                unit=UnitOut.of(await unit_by_id(ctx, c.unit_id)),
                manager=ManagerOut(
                    id=manager.public_id, name=manager.name, phone=mask("phone", manager.phone, ctx.principal)
                )
                if manager
                else None,
                id_number=mask("id_number", c.id_number, ctx.principal),
                phone=mask("phone", c.phone, ctx.principal),
                email=mask("email", c.email, ctx.principal),
                address=mask("address", c.address, ctx.principal),
                birthday=c.birthday,
                assets_under_management=c.assets_under_management,
                deposits=c.deposits,
                risk_class=c.risk_class,
                size=c.size,
                archived_at=c.archived_at,
                purge_after=c.purge_after,
                created_at=c.created_at,
                updated_at=c.updated_at,
            )
        )
    return out


async def present_one(ctx: HookContext, client: Client) -> ClientOut:
    return (await present(ctx, [client]))[0]


def present_history(ctx: HookContext, rows: Sequence[ClientHistory]) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            at=h.at,
            actor=h.actor,
            action=h.action,
            reason=h.reason,
            changes=[
                HistoryChange(
                    field=c["field"],
                    before=mask(c["field"], c["before"], ctx.principal)
                    if c["field"] in PERSONAL_FIELDS
                    else c["before"],
                    after=mask(c["field"], c["after"], ctx.principal) if c["field"] in PERSONAL_FIELDS else c["after"],
                )
                for c in h.changes
            ],
        )
        for h in rows
    ]


@exportable("clients")
@get("/clients", guards=[requires("clients.read")], summary="Search clients in your subtree")
async def list_clients(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    lifecycle_state: Annotated[ClientState | None, QueryParameter(name="state")] = None,
    tier: FromQuery[str | None] = None,
    kind: FromQuery[ClientKind | None] = None,
    manager: FromQuery[str | None] = None,
    q: FromQuery[str | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> ClientPage:
    check_choice("tier", tier, [name for name, _ in ctx.thresholds.tiers])
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    manager_id = None
    if manager:
        manager_id = (
            await ctx.session.execute(sa.select(Staff.id).where(Staff.public_id == manager))
        ).scalar_one_or_none() or -1
    query = clients.search_query(ctx, scope, state=lifecycle_state, tier=tier, kind=kind, manager_id=manager_id, q=q)
    rows, next_cursor = await page(ctx.session, query, Client.id, cursor, limit)
    return ClientPage(items=await present(ctx, rows), next_cursor=next_cursor)


@post("/clients", guards=[requires("clients.write")], summary="Create a client (with a reason)")
async def create_client(ctx: Ctx, data: JSONBody[ClientCreate]) -> ClientOut:
    fields = (
        "name",
        "id_number",
        "phone",
        "email",
        "address",
        "birthday",
        "assets_under_management",
        "deposits",
        "risk_class",
        "size",
    )
    values = {f: getattr(data, f) for f in fields}
    client = await clients.create(
        ctx,
        unit_code=data.unit,
        kind=data.kind,
        values=values,
        state=data.state,
        manager_id=data.manager,
        reason=data.reason,
    )
    return await present_one(ctx, client)


@get("/clients/{client_id:str}", guards=[requires("clients.read")], summary="One client")
async def get_client(ctx: Ctx, client_id: FromPath[str]) -> ClientOut:
    return await present_one(ctx, await clients.get(ctx, client_id))


@patch("/clients/{client_id:str}", guards=[requires("clients.write")], summary="Change fields (with a reason)")
async def update_client(ctx: Ctx, client_id: FromPath[str], data: JSONBody[ClientPatch]) -> ClientOut:
    return await present_one(ctx, await clients.update(ctx, client_id, data.changes(), data.reason))


@post(
    "/clients/{client_id:str}/transitions",
    guards=[requires("clients.lifecycle")],
    status_code=200,
    summary="Move along prospect → active ⇄ dormant → closed",
)
async def transition_client(ctx: Ctx, client_id: FromPath[str], data: JSONBody[Transition]) -> ClientOut:
    return await present_one(ctx, await clients.transition(ctx, client_id, data.to, data.reason))


@post(
    "/clients/{client_id:str}/archive",
    guards=[requires("clients.lifecycle")],
    status_code=200,
    summary="Archive (restorable until purged after the retention period)",
)
async def archive_client(ctx: Ctx, state: State, client_id: FromPath[str], data: JSONBody[WithReason]) -> ClientOut:
    retention = dt.timedelta(days=state.settings.archive_retention_days)
    return await present_one(ctx, await clients.archive(ctx, client_id, data.reason, retention))


@post(
    "/clients/{client_id:str}/restore",
    guards=[requires("clients.lifecycle")],
    status_code=200,
    summary="Restore an archived client",
)
async def restore_client(ctx: Ctx, client_id: FromPath[str], data: JSONBody[WithReason]) -> ClientOut:
    return await present_one(ctx, await clients.restore(ctx, client_id, data.reason))


@put(
    "/clients/{client_id:str}/manager",
    guards=[requires("clients.assign_manager")],
    summary="Change the exclusive customer manager (the client is notified)",
)
async def change_manager(ctx: Ctx, client_id: FromPath[str], data: JSONBody[ManagerChange]) -> ClientOut:
    return await present_one(ctx, await clients.assign_manager(ctx, client_id, data.staff_id, data.reason))


@put("/clients/{client_id:str}/tier", guards=[requires("clients.lifecycle")], summary="Set the tier by hand")
async def change_tier(ctx: Ctx, client_id: FromPath[str], data: JSONBody[TierChange]) -> ClientOut:
    return await present_one(ctx, await clients.set_tier(ctx, client_id, data.tier, data.reason))


@exportable("client-history")
@get("/clients/{client_id:str}/history", guards=[requires("clients.read")], summary="Every change, with reasons")
async def client_history(
    ctx: Ctx, client_id: FromPath[str], cursor: FromQuery[str | None] = None, limit: FromQuery[int] = DEFAULT_LIMIT
) -> HistoryPage:
    client = await clients.get(ctx, client_id)
    query = sa.select(ClientHistory).where(ClientHistory.client_id == client.id)
    rows, next_cursor = await page(ctx.session, query, ClientHistory.id, cursor, limit)
    return HistoryPage(items=present_history(ctx, rows), next_cursor=next_cursor)


@get("/clients/{client_id:str}/view", guards=[requires("clients.read")], summary="The client 360° view")
async def client_view(ctx: Ctx, client_id: FromPath[str]) -> Client360:
    client = await clients.get(ctx, client_id)
    recent = (
        (
            await ctx.session.execute(
                sa.select(ClientHistory)
                .where(ClientHistory.client_id == client.id)
                .order_by(ClientHistory.id.desc())
                .limit(20)
            )
        )
        .scalars()
        .all()
    )
    snapshot = await clients.snapshot(ctx, client)
    sections: list[Any] = await ctx.plugins.call("client_view_sections", ctx, snapshot.unit, client=snapshot)
    return Client360(
        client=await present_one(ctx, client),
        history=present_history(ctx, recent),
        sections=[
            ViewSectionOut(
                key=s.key,
                title=s.title,
                plugin=s.plugin,
                data=msgspec.to_builtins(s.data),
                fields=[
                    ViewFieldOut(label=f.label, text=field_text(f), kind=f.kind, value=msgspec.to_builtins(f.value))
                    for f in s.fields or fields_of(s.data)
                ],
            )
            for items in sections
            for s in items
        ],
    )


HANDLERS = [
    list_clients,
    create_client,
    get_client,
    update_client,
    transition_client,
    archive_client,
    restore_client,
    change_manager,
    change_tier,
    client_history,
    client_view,
]
