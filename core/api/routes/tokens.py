"""Token routes (admins): issue for a member of staff or a service account, list, revoke.

Only principals in the admin's subtree: naming a unit outside it answers 403, a staff
member or token outside it 404. The secret is in the answer to the issuing POST only.
"""

from __future__ import annotations

from litestar import delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas.tokens import (
    TokenCreate,
    TokenCreated,
    TokenOut,
    TokenPage,
    TokenPrincipal,
    TokenStatus,
)
from core.context import HookContext
from core.errors import FieldProblem
from core.i18n import _
from core.models import ApiToken
from core.services import tokens
from core.services.tokens import TokenView


def present(ctx: HookContext, view: TokenView) -> TokenOut:
    token, principal = view.token, view.principal
    return TokenOut(
        id=token.public_id,
        label=token.label,
        unit=view.unit,
        status=view.status(ctx.now),  # type: ignore[arg-type]
        principal=TokenPrincipal(
            kind="staff" if view.staff else "service",
            id=principal.public_id,
            name=principal.name,
            roles=sorted(principal.roles),
        ),
        created_at=token.created_at,
        expires_at=token.expires_at,
        revoked_at=token.revoked_at,
    )


@post("/tokens", guards=[requires("tokens.manage")], summary="Issue a token (its secret is shown once)")
async def create_token(ctx: Ctx, data: JSONBody[TokenCreate]) -> TokenCreated:
    """Give ``staff_id`` for a member of staff, or ``service_account`` {unit, roles, name?}."""
    if data.staff_id is not None and data.service_account is None:
        view, secret = await tokens.issue_for_staff(ctx, data.staff_id, days=data.days, label=data.label)
    elif data.service_account is not None and data.staff_id is None:
        account = data.service_account
        view, secret = await tokens.issue_for_service(
            ctx, unit_code=account.unit, roles=account.all_roles(), name=account.name, days=data.days, label=data.label
        )
    else:
        raise FieldProblem.one("staff_id", _("give exactly one of staff_id or service_account"))
    return TokenCreated(token=present(ctx, view), secret=secret)


@exportable("tokens")
@get("/tokens", guards=[requires("tokens.manage")], summary="Tokens of principals in your subtree (no secrets)")
async def list_tokens(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    status: FromQuery[TokenStatus | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> TokenPage:
    """``unit`` narrows to principals in that unit's subtree; ``status`` to live, expired or revoked."""
    query = await tokens.search(ctx, unit=unit, status=status)
    rows, next_cursor = await page(ctx.session, query, ApiToken.id, cursor, limit)
    return TokenPage(items=[present(ctx, TokenView(*row)) for row in rows], next_cursor=next_cursor)


@delete(
    "/tokens/{token_id:str}",
    guards=[requires("tokens.manage")],
    status_code=200,
    summary="Revoke a token; it stops working at once",
)
async def revoke_token(ctx: Ctx, token_id: FromPath[str]) -> TokenOut:
    return present(ctx, await tokens.revoke(ctx, token_id))


HANDLERS = [create_token, list_tokens, revoke_token]
