"""API tokens: opaque secrets shown once, stored as SHA-256, expiring and revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.base import new_public_id
from core.errors import FieldProblem, NotFound
from core.models import ApiToken, OrgUnit, ServiceAccount, Staff
from core.principal import ROLES, Principal

TOKEN_PREFIX = "ts_"


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


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
    session: AsyncSession, *, role: str, unit: OrgUnit, now: dt.datetime
) -> ServiceAccount:
    """The service account named for ``role`` at ``unit`` (``admin@HO``), created on first use."""
    if role not in ROLES:
        raise FieldProblem.one("role", f"unknown role '{role}'; known: {', '.join(ROLES)}")
    name = f"{role}@{unit.code}"
    account = (await session.execute(sa.select(ServiceAccount).where(ServiceAccount.name == name))).scalar_one_or_none()
    if account is None:
        account = ServiceAccount(public_id=new_public_id("sa"), name=name, unit_id=unit.id, roles=[role], created_at=now)
        session.add(account)
        await session.flush()
    return account


async def authenticate(session: AsyncSession, secret: str, now: dt.datetime) -> tuple[Principal, dt.datetime] | None:
    """The principal a live token belongs to and when the token expires, or None (unknown,
    expired, revoked, inactive staff)."""
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
        principal = Principal(kind="staff", id=staff.public_id, name=staff.name, roles=frozenset(staff.roles),
                              unit=unit.ref())
    else:
        principal = Principal(kind="service", id=account.public_id, name=account.name, roles=frozenset(account.roles),
                              unit=unit.ref())
    return principal, token.expires_at


async def revoke(session: AsyncSession, public_id: str, now: dt.datetime) -> ApiToken:
    token = (await session.execute(sa.select(ApiToken).where(ApiToken.public_id == public_id))).scalar_one_or_none()
    if token is None:
        raise NotFound(f"no token '{public_id}'")
    if token.revoked_at is None:
        token.revoked_at = now
    return token
