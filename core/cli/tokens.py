"""``touchstone token create|list|revoke``: API tokens from the command line.

``create`` prints the new secret alone on its last line, so scripts can take it with
``| tail -n1``; the secret is never stored or shown again.
"""

from __future__ import annotations

import datetime as dt

import click
import sqlalchemy as sa

from core.cli.runtime import Runtime, run
from core.db.migrate import ensure_migrated
from core.errors import FieldProblem, NotFound
from core.models import ApiToken, OrgUnit, ServiceAccount, Staff
from core.principal import system_principal
from core.services import audit, tokens


@click.group()
def token() -> None:
    """Create, list and revoke API tokens."""


async def _root_or(session, code: str | None) -> OrgUnit:  # type: ignore[no-untyped-def]
    query = sa.select(OrgUnit).where(OrgUnit.code == code) if code else sa.select(OrgUnit).where(
        OrgUnit.parent_id.is_(None)).order_by(OrgUnit.id).limit(1)
    unit = (await session.execute(query)).scalar_one_or_none()
    if unit is None:
        raise NotFound(f"no unit '{code}'" if code else "no organisation units yet: run `touchstone demo` first")
    return unit


@token.command("create")
@click.option("--role", help="Role of the service account the token acts as (e.g. admin).")
@click.option("--unit", "unit_code", help="Unit code the principal is bound to (default: the root).")
@click.option("--staff", "employee_no", help="Bind to this staff member (by employee number) instead.")
@click.option("--days", "ttl_days", type=int, help="Days until the token expires (default from settings).")
@click.option("--label", default="", help="A note to recognise the token by.")
def create(role: str | None, unit_code: str | None, employee_no: str | None, ttl_days: int | None, label: str) -> None:
    """Create a token; its secret is printed alone on the last line."""
    if bool(role) == bool(employee_no):
        raise click.UsageError("give either --role (a service account) or --staff (a staff member)")

    async def body(rt: Runtime) -> str:
        await ensure_migrated(rt.db.engine, rt.locations)
        now = rt.clock.now()
        async with rt.db.unit_of_work() as session:
            staff = account = None
            if employee_no:
                staff = (await session.execute(sa.select(Staff).where(Staff.employee_no == employee_no))).scalar_one_or_none()
                if staff is None:
                    raise FieldProblem.one("staff", f"no staff member with employee number '{employee_no}'")
                unit = await session.get(OrgUnit, staff.unit_id)
            else:
                unit = await _root_or(session, unit_code)
                account = await tokens.service_account_for(session, role=role or "", unit=unit, now=now)
            assert unit is not None
            row, secret = await tokens.issue(
                session, now=now, ttl=dt.timedelta(days=ttl_days or rt.settings.token_ttl_days),
                staff=staff, service_account=account, label=label or "created with the CLI",
            )
            audit.record(session, principal=system_principal(unit.ref()), at=now, unit=unit.ref(), entity="api_token",
                         entity_id=row.public_id, action="create", after={"label": row.label,
                         "principal": staff.public_id if staff else account.public_id if account else None,
                         "expires_at": row.expires_at}, reason="touchstone token create")
        click.echo(f"token {row.public_id} for {staff.name if staff else account.name if account else ''} "
                   f"at {unit.code}, expires {row.expires_at:%Y-%m-%d}")
        return secret

    click.echo(run(body))


@token.command("list")
def list_tokens() -> None:
    """List tokens (never their secrets)."""

    async def body(rt: Runtime) -> None:
        async with rt.db.unit_of_work(readonly=True) as session:
            rows = await session.execute(
                sa.select(ApiToken, Staff.name, ServiceAccount.name)
                .outerjoin(Staff, Staff.id == ApiToken.staff_id)
                .outerjoin(ServiceAccount, ServiceAccount.id == ApiToken.service_account_id)
                .order_by(ApiToken.id)
            )
            now = rt.clock.now()
            for tok, staff_name, account_name in rows:
                state = "revoked" if tok.revoked_at else "expired" if tok.expires_at <= now else "live"
                click.echo(f"{tok.public_id}\t{staff_name or account_name}\t{state}\t"
                           f"expires {tok.expires_at:%Y-%m-%d}\t{tok.label}")

    run(body)


@token.command("revoke")
@click.argument("token_id")
def revoke(token_id: str) -> None:
    """Revoke token TOKEN_ID (as shown by `token list`); it stops working at once."""

    async def body(rt: Runtime) -> None:
        now = rt.clock.now()
        async with rt.db.unit_of_work() as session:
            row = await tokens.revoke(session, token_id, now)
            root = await _root_or(session, None)
            audit.record(session, principal=system_principal(root.ref()), at=now, unit=None, entity="api_token",
                         entity_id=row.public_id, action="revoke", reason="touchstone token revoke")
        click.echo(f"revoked {token_id}")

    run(body)
