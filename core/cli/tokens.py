"""``touchstone token create|list|revoke``: API tokens from the command line.

The CLI acts as the system principal at the root of the tree, through the same services as
the API, so its tokens are validated and audited alike. ``create`` prints the new secret
alone on its last line, so scripts can take it with ``| tail -n1``; it is never stored or
shown again.
"""

from __future__ import annotations

import datetime as dt

import click
import sqlalchemy as sa

from core.cli.runtime import Runtime, run
from core.context import HookContext
from core.errors import FieldProblem, NotFound
from core.migrate import ensure_migrated
from core.models import ApiToken, Staff
from core.services import tokens
from core.services.tokens import TOKEN_STATUSES, TokenView


@click.group()
def token() -> None:
    """Create, list and revoke API tokens."""


async def _root(ctx: HookContext) -> str:
    units = (await ctx.plugins.snapshot(ctx.session)).units
    if not units:
        raise NotFound("no organisation units yet: load the demo (`touchstone demo`) or create the tree first")
    return ctx.principal.unit.code


async def _staff_id(ctx: HookContext, employee_no: str) -> str:
    found = (await ctx.session.execute(sa.select(Staff.public_id).where(Staff.employee_no == employee_no))).scalar()
    if found is None:
        raise FieldProblem.one("staff", f"no staff member with employee number '{employee_no}'")
    return found


def describe(view: TokenView, now: dt.datetime) -> str:
    token = view.token
    return (
        f"{token.public_id}\t{view.principal.name}\t{view.unit}\t{view.status(now)}\t"
        f"expires {token.expires_at:%Y-%m-%d}\t{token.label}"
    )


@token.command("create")
@click.option("--role", "roles", multiple=True, help="Role of the service account the token acts as (repeatable).")
@click.option("--name", help="Service account name (default: <roles>@<unit>).")
@click.option("--unit", "unit_code", help="Unit code the service account is bound to (default: the root).")
@click.option("--staff", "employee_no", help="Bind to this staff member (by employee number) instead.")
@click.option("--days", type=click.IntRange(1, 3650), help="Days until the token expires (default from settings).")
@click.option("--label", default="created with the CLI", show_default=True, help="A note to recognise the token by.")
def create(
    roles: tuple[str, ...],
    name: str | None,
    unit_code: str | None,
    employee_no: str | None,
    days: int | None,
    label: str,
) -> None:
    """Create a token; its secret is printed alone on the last line."""
    if bool(roles) == bool(employee_no):
        raise click.UsageError("give either --role (a service account) or --staff (a staff member)")

    async def body(rt: Runtime) -> str:
        await ensure_migrated(rt.db.engine, rt.locations)
        async with rt.system().unit_of_work() as ctx:
            if employee_no:
                view, secret = await tokens.issue_for_staff(
                    ctx, await _staff_id(ctx, employee_no), days=days, label=label
                )
            else:
                view, secret = await tokens.issue_for_service(
                    ctx, unit_code=unit_code or await _root(ctx), roles=roles, name=name, days=days, label=label
                )
        click.echo(
            f"token {view.token.public_id} for {view.principal.name} at {view.unit}, "
            f"expires {view.token.expires_at:%Y-%m-%d}"
        )
        return secret

    click.echo(run(body))


@token.command("list")
@click.option("--unit", "unit_code", help="Only principals in this unit's subtree.")
@click.option("--status", type=click.Choice(TOKEN_STATUSES), help="Only live, expired or revoked tokens.")
def list_tokens(unit_code: str | None, status: str | None) -> None:
    """List tokens: id, principal, unit, status, expiry, label (never a secret)."""

    async def body(rt: Runtime) -> None:
        await ensure_migrated(rt.db.engine, rt.locations)
        async with rt.system().unit_of_work() as ctx:
            query = await tokens.search(ctx, unit=unit_code, status=status)
            for row in await ctx.session.execute(query.order_by(ApiToken.id)):
                click.echo(describe(TokenView(*row), ctx.now))

    run(body)


@token.command("revoke")
@click.argument("token_id")
def revoke(token_id: str) -> None:
    """Revoke token TOKEN_ID (as shown by `token list`); servers refuse it within seconds."""

    async def body(rt: Runtime) -> None:
        await ensure_migrated(rt.db.engine, rt.locations)
        async with rt.system().unit_of_work() as ctx:
            view = await tokens.revoke(ctx, token_id)
            click.echo(describe(view, ctx.now))

    run(body)
