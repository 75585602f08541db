"""Token routes (admins): issue for a member of staff or a service account, list, revoke."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from litestar import delete, get, post
from litestar.datastructures import State

from core.api.auth import requires
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.admin import TokenCreate, TokenCreated, TokenOut, TokenPage
from core.context import HookContext
from core.errors import FieldProblem, NotFound
from core.models import ApiToken, OrgUnit, ServiceAccount, Staff
from core.services import staff as staff_service
from core.services import tokens
from core.services.scope import in_subtree, unit_by_id, unit_in_scope

PRINCIPALS = (
    sa.select(ApiToken, sa.func.coalesce(Staff.name, ServiceAccount.name), OrgUnit.code)
    .outerjoin(Staff, Staff.id == ApiToken.staff_id)
    .outerjoin(ServiceAccount, ServiceAccount.id == ApiToken.service_account_id)
    .join(OrgUnit, OrgUnit.id == sa.func.coalesce(Staff.unit_id, ServiceAccount.unit_id))
)


def present(token: ApiToken, principal: str, unit: str) -> TokenOut:
    return TokenOut(id=token.public_id, principal=principal, unit=unit, label=token.label,
                    created_at=token.created_at, expires_at=token.expires_at, revoked_at=token.revoked_at)


@post("/tokens", guards=[requires("tokens.manage")], summary="Issue a token (its secret is shown once)")
async def create_token(ctx: HookContext, state: State, data: TokenCreate) -> TokenCreated:
    if (data.staff_id is None) == (data.service_account is None):
        raise FieldProblem.one("staff_id", "give exactly one of staff_id or service_account")
    staff = account = None
    if data.staff_id:
        staff = await staff_service.get(ctx, data.staff_id)
        unit = await unit_by_id(ctx, staff.unit_id)
    else:
        assert data.service_account is not None
        unit = await unit_in_scope(ctx, data.service_account.unit)
        unit_row = await ctx.session.get(OrgUnit, unit.id)
        assert unit_row is not None
        account = await tokens.service_account_for(ctx.session, role=data.service_account.role, unit=unit_row,
                                                   now=ctx.now)
    days = data.days or state.settings.token_ttl_days
    row, secret = await tokens.issue(ctx.session, now=ctx.now, ttl=dt.timedelta(days=days), staff=staff,
                                     service_account=account, label=data.label)
    principal = staff.name if staff else account.name if account else ""
    ctx.audit(entity="api_token", entity_id=row.public_id, action="create", unit=unit, reason=data.label or None,
              after={"principal": principal, "expires_at": row.expires_at})
    return TokenCreated(token=present(row, principal, unit.code), secret=secret)


@get("/tokens", guards=[requires("tokens.manage")], summary="Tokens of principals in your subtree (no secrets)")
async def list_tokens(ctx: HookContext, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> TokenPage:
    rows, next_cursor = await page(ctx.session, PRINCIPALS.where(in_subtree(ctx.principal.unit)), ApiToken.id,
                                   cursor, limit)
    return TokenPage(items=[present(t, name, code) for t, name, code in rows], next_cursor=next_cursor)


@delete("/tokens/{token_id:str}", guards=[requires("tokens.manage")], status_code=200,
        summary="Revoke a token; it stops working at once")
async def revoke_token(ctx: HookContext, token_id: str) -> TokenOut:
    row = (await ctx.session.execute(PRINCIPALS.where(ApiToken.public_id == token_id,
                                                      in_subtree(ctx.principal.unit)))).one_or_none()
    if row is None:
        raise NotFound(f"no token '{token_id}'")
    token, name, code = row
    await tokens.revoke(ctx.session, token_id, ctx.now)
    ctx.plugins.principals.clear()
    ctx.audit(entity="api_token", entity_id=token_id, action="revoke", unit=await unit_in_scope(ctx, code),
              after={"revoked_at": token.revoked_at})
    return present(token, name, code)


HANDLERS = [create_token, list_tokens, revoke_token]
