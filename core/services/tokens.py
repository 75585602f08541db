"""API tokens: opaque secrets shown once, stored as SHA-256, expiring and revocable.

A token belongs to one principal: a member of staff (who acts with their own roles and unit,
and loses access when deactivated) or a service account (an integration, with the roles and
unit it was created with). Admins issue and revoke tokens only for principals in their
subtree, and each issue and revocation is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core import generations
from core.db.base import new_public_id
from core.errors import FieldProblem, NotFound
from core.generations import ORG as ORG_GENERATION
from core.i18n import _
from core.models import ApiToken, OrgUnit, ServiceAccount, Staff
from core.principal import CORE_PERMISSIONS, ROLES, Principal, staff_principal
from core.principal import GENERATION as PRINCIPALS_GENERATION
from core.services import staff as staff_service
from core.services.scope import in_subtree, unit_by_code, unit_by_id, unit_in_scope
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext

TOKEN_PREFIX = "ts_"
TOKEN_STATUSES = ("live", "expired", "revoked")


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenView(NamedTuple):
    """A token with its principal and the code of the principal's unit."""

    token: ApiToken
    staff: Staff | None
    account: ServiceAccount | None
    unit: str

    def status(self, now: dt.datetime) -> str:
        if self.token.revoked_at is not None:
            return "revoked"
        return "expired" if self.token.expires_at <= now else "live"

    @property
    def principal(self) -> Staff | ServiceAccount:
        principal = self.staff or self.account
        assert principal is not None  # the table's check constraint: exactly one
        return principal


WITH_PRINCIPAL = (
    sa.select(ApiToken, Staff, ServiceAccount, OrgUnit.code)
    .outerjoin(Staff, Staff.id == ApiToken.staff_id)
    .outerjoin(ServiceAccount, ServiceAccount.id == ApiToken.service_account_id)
    .join(OrgUnit, OrgUnit.id == sa.func.coalesce(Staff.unit_id, ServiceAccount.unit_id))
)
"""Tokens joined to their principal and its unit (filter with :func:`in_subtree`)."""


async def issue(
    session: AsyncSession,
    *,
    now: dt.datetime,
    ttl: dt.timedelta,
    staff: Staff | None = None,
    service_account: ServiceAccount | None = None,
    label: str = "",
) -> tuple[ApiToken, str]:
    """Create a token for a staff member or a service account; returns it and its secret."""
    if (staff is None) == (service_account is None):
        raise ValueError("a token belongs to exactly one principal")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        public_id=new_public_id("tk"),
        token_hash=hash_token(secret),
        staff_id=staff.id if staff else None,
        service_account_id=service_account.id if service_account else None,
        label=label,
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(token)
    await session.flush()
    return token, secret


async def service_account_for(
    session: AsyncSession,
    *,
    unit: OrgUnit | UnitRef,
    now: dt.datetime,
    role: str | None = None,
    roles: Sequence[str] = (),
    name: str | None = None,
) -> ServiceAccount:
    """The service account ``name`` (default ``<roles>@<unit>``, e.g. ``admin@HO``), created
    on first use. An existing name must match ``unit`` and ``roles``: one account's tokens
    all act alike, so a new token never widens what older ones may do."""
    wanted = sorted({*roles, *([role] if role else [])})
    unknown = [r for r in wanted if r not in ROLES]
    if not wanted or unknown:
        raise FieldProblem.one(
            "role",
            _("unknown role(s) {unknown}; known: {known}").format(
                unknown=", ".join(unknown) or _("(none given)"), known=", ".join(ROLES)
            ),
        )
    name = name or f"{'+'.join(wanted)}@{unit.code}"
    account = (await session.execute(sa.select(ServiceAccount).where(ServiceAccount.name == name))).scalar_one_or_none()
    if account is None:
        account = ServiceAccount(
            public_id=new_public_id("sa"), name=name, unit_id=unit.id, roles=wanted, created_at=now
        )
        session.add(account)
        await session.flush()
    elif account.unit_id != unit.id or sorted(account.roles) != wanted:
        raise FieldProblem.one(
            "name",
            _("service account '{name}' exists with other roles or at another unit; choose another name").format(
                name=name
            ),
        )
    return account


def cache_label(counters: Mapping[str, int]) -> tuple[int, int]:
    """The generations a cached principal is valid at (:class:`core.principal.PrincipalCache`):
    of tokens and staff, and of the tree."""
    return counters.get(PRINCIPALS_GENERATION, 0), counters.get(ORG_GENERATION, 0)


async def authenticate(
    session: AsyncSession, secret: str, now: dt.datetime, permissions: Mapping[str, tuple[str, ...]] = CORE_PERMISSIONS
) -> tuple[Principal, dt.datetime] | None:
    """The principal a live token belongs to and when the token expires, or None (unknown,
    expired, revoked, inactive staff). ``permissions`` is the app's table (core and plugins)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    row = (
        await session.execute(
            sa.select(ApiToken, Staff, ServiceAccount, OrgUnit)
            .outerjoin(Staff, Staff.id == ApiToken.staff_id)
            .outerjoin(ServiceAccount, ServiceAccount.id == ApiToken.service_account_id)
            .join(OrgUnit, OrgUnit.id == sa.func.coalesce(Staff.unit_id, ServiceAccount.unit_id))
            .where(ApiToken.token_hash == hash_token(secret))
        )
    ).one_or_none()
    if row is None:
        return None
    token, staff, account, unit = row
    if token.revoked_at is not None or token.expires_at <= now:
        return None
    if staff is not None:
        if not staff.active:
            return None
        principal = staff_principal(staff, unit.ref(), permissions)
    else:
        principal = Principal(
            kind="service",
            id=account.public_id,
            name=account.name,
            roles=frozenset(account.roles),
            unit=unit.ref(),
            permissions=permissions,
        )
    return principal, token.expires_at


def _ttl(ctx: HookContext, days: int | None) -> dt.timedelta:
    if days is None:
        days = ctx.settings.token_ttl_days if ctx.settings else 90
    if not 1 <= days <= 3650:
        raise FieldProblem.one("days", _("must be between {low} and {high}").format(low=1, high=3650))
    return dt.timedelta(days=days)


async def _issued(
    ctx: HookContext,
    unit: UnitRef,
    days: int | None,
    label: str,
    *,
    staff: Staff | None = None,
    account: ServiceAccount | None = None,
) -> tuple[TokenView, str]:
    token, secret = await issue(
        ctx.session, now=ctx.now, ttl=_ttl(ctx, days), staff=staff, service_account=account, label=label
    )
    view = TokenView(token, staff, account, unit.code)
    principal = view.principal
    ctx.audit(
        entity="api_token",
        entity_id=token.public_id,
        action="create",
        unit=unit,
        reason=label or None,
        after={
            "principal": principal.public_id,
            "name": principal.name,
            "roles": sorted(principal.roles),
            "expires_at": token.expires_at,
            "label": label,
        },
    )
    return view, secret


async def issue_for_staff(
    ctx: HookContext, staff_id: str, *, days: int | None = None, label: str = ""
) -> tuple[TokenView, str]:
    """A token for an active member of staff in the caller's subtree (anyone else: 404)."""
    try:
        staff = await staff_service.get(ctx, staff_id)
    except NotFound as exc:
        raise NotFound(exc.detail, field="staff_id") from exc
    if not staff.active:
        raise FieldProblem.one("staff_id", _("staff member '{id}' is not active").format(id=staff_id))
    return await _issued(ctx, await unit_by_id(ctx, staff.unit_id), days, label, staff=staff)


async def issue_for_service(
    ctx: HookContext,
    *,
    unit_code: str,
    roles: Sequence[str],
    name: str | None = None,
    days: int | None = None,
    label: str = "",
) -> tuple[TokenView, str]:
    """A token for a service account at a unit in the caller's subtree (elsewhere: 403)."""
    unit = await unit_in_scope(ctx, unit_code)
    staff_service.check_roles(ctx, list(roles))
    account = await service_account_for(ctx.session, unit=unit, now=ctx.now, roles=roles, name=name)
    return await _issued(ctx, unit, days, label, account=account)


async def search(
    ctx: HookContext, *, unit: str | None = None, status: str | None = None
) -> sa.Select[ApiToken, Staff | None, ServiceAccount | None, str]:
    """Tokens of principals in the caller's subtree (or ``unit``'s, in scope), by status."""
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    query = WITH_PRINCIPAL.where(in_subtree(scope))
    if status == "revoked":
        query = query.where(ApiToken.revoked_at.is_not(None))
    elif status == "expired":
        query = query.where(ApiToken.revoked_at.is_(None), ApiToken.expires_at <= ctx.now)
    elif status == "live":
        query = query.where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > ctx.now)
    elif status is not None:
        raise FieldProblem.one("status", _("give one of {allowed}").format(allowed=", ".join(TOKEN_STATUSES)))
    return query


async def revoke(ctx: HookContext, token_id: str) -> TokenView:
    """Revoke a token of a principal in the caller's subtree; every worker refuses it from
    its next request on (the principals' generation is bumped with the revocation).
    Revoking a revoked token changes nothing and records nothing."""
    row = (
        await ctx.session.execute(WITH_PRINCIPAL.where(ApiToken.public_id == token_id, in_subtree(ctx.principal.unit)))
    ).one_or_none()
    if row is None:
        raise NotFound(_("no token '{id}'").format(id=token_id))
    view = TokenView(*row)
    if view.token.revoked_at is None:
        view.token.revoked_at = ctx.now
        await generations.bump(ctx.session, PRINCIPALS_GENERATION)
        ctx.audit(
            entity="api_token",
            entity_id=token_id,
            action="revoke",
            unit=await unit_by_code(ctx, view.unit),
            before={"revoked_at": None},
            after={"revoked_at": view.token.revoked_at},
        )
    return view
