"""``touchstone token create|list|revoke``: API tokens from the command line.

The CLI acts as the system principal at the root of the tree, through the same services as
the API, so its tokens are validated and audited alike. ``create`` prints the new secret
alone on its last line, so scripts can take it with ``| tail -n1``; it is never stored or
shown again. ``list`` prints a table, or with ``--json`` the tokens as data (never a secret).
"""

from __future__ import annotations

import datetime as dt

import click
import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from core.chinatime import china_day
from core.cli.listing import json_option, print_json
from core.cli.runtime import Runtime, run
from core.context import HookContext
from core.errors import FieldProblem, NotFound
from core.i18n import N_, _
from core.migrate import ensure_migrated
from core.models import ApiToken, Staff
from core.services import tokens
from core.services.tokens import TOKEN_STATUSES, TokenView


@click.group(help=N_("Create, list and revoke API tokens."))
def token() -> None:
    pass


async def _root(ctx: HookContext) -> str:
    units = (await ctx.plugins.snapshot(ctx.session)).units
    if not units:
        raise NotFound(_("no organisation units yet: load the demo (`touchstone demo`) or create the tree first"))
    return ctx.principal.unit.code


async def _staff_id(ctx: HookContext, employee_no: str) -> str:
    found = (await ctx.session.execute(sa.select(Staff.public_id).where(Staff.employee_no == employee_no))).scalar()
    if found is None:
        raise FieldProblem.one(
            "staff",
            _("no staff member with employee number '{number}': check the number with your staff list").format(
                number=employee_no
            ),
        )
    return found


def as_data(view: TokenView, now: dt.datetime) -> dict[str, str]:
    """A token for ``--json`` (and the table): id, principal, unit, status, expiry, label."""
    token = view.token
    return {
        "id": token.public_id,
        "principal": view.principal.name,
        "unit": view.unit,
        "status": view.status(now),
        "expires_at": token.expires_at.isoformat(),
        "label": token.label,
    }


def table_of(views: list[TokenView], now: dt.datetime) -> Table:
    table = Table(_("token"), _("principal"), _("unit"), _("status"), _("expires"), _("label"), title=_("API tokens"))
    for view in views:
        table.add_row(
            view.token.public_id,
            view.principal.name,
            view.unit,
            view.status(now),
            china_day(view.token.expires_at),
            view.token.label,
        )
    return table


@token.command("create", help=N_("Create a token; its secret is printed alone on the last line."))
@click.option("--role", "roles", multiple=True, help=N_("Role of the service account the token acts as (repeatable)."))
@click.option("--name", help=N_("Service account name (default: <roles>@<unit>)."))
@click.option("--unit", "unit_code", help=N_("Unit code the service account is bound to (default: the root)."))
@click.option("--staff", "employee_no", help=N_("Bind to this staff member (by employee number) instead."))
@click.option("--days", type=click.IntRange(1, 3650), help=N_("Days until the token expires (default from settings)."))
@click.option(
    "--label", default="created with the CLI", show_default=True, help=N_("A note to recognise the token by.")
)
def create(
    roles: tuple[str, ...],
    name: str | None,
    unit_code: str | None,
    employee_no: str | None,
    days: int | None,
    label: str,
) -> None:
    if bool(roles) == bool(employee_no):
        raise click.UsageError(_("give either --role (a service account) or --staff (a staff member)"))

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
            _("token {id} for {principal} at {unit}, expires {day}").format(
                id=view.token.public_id,
                principal=view.principal.name,
                unit=view.unit,
                day=china_day(view.token.expires_at),
            )
        )
        return secret

    click.echo(run(body))


@token.command("list", help=N_("List tokens: id, principal, unit, status, expiry, label (never a secret)."))
@click.option("--unit", "unit_code", help=N_("Only principals in this unit's subtree."))
@click.option("--status", type=click.Choice(TOKEN_STATUSES), help=N_("Only live, expired or revoked tokens."))
@json_option
def list_tokens(unit_code: str | None, status: str | None, as_json: bool) -> None:
    async def body(rt: Runtime) -> None:
        await ensure_migrated(rt.db.engine, rt.locations)
        async with rt.system().unit_of_work() as ctx:
            query = await tokens.search(ctx, unit=unit_code, status=status)
            views = [TokenView(*row) for row in await ctx.session.execute(query.order_by(ApiToken.id))]
            now = ctx.now
        if as_json:
            print_json([as_data(view, now) for view in views])
        else:
            Console().print(table_of(views, now))

    run(body)


@token.command("revoke", help=N_("Revoke token TOKEN_ID (as shown by `token list`); servers refuse it within seconds."))
@click.argument("token_id")
def revoke(token_id: str) -> None:
    async def body(rt: Runtime) -> None:
        await ensure_migrated(rt.db.engine, rt.locations)
        async with rt.system().unit_of_work() as ctx:
            view = await tokens.revoke(ctx, token_id)
            Console().print(table_of([view], ctx.now))

    run(body)
