"""``touchstone serve``: run the API under uvicorn.

Before uvicorn starts, ``serve`` checks what would otherwise fail inside it with a traceback,
or seem to work when it does not: every plugin conforms (``core.api.conformance``: a route
that declares no permission, say, stops it with the plugin's name and the rule), the schema is
migrated, and the port is free (``serve`` binds it itself and hands the socket to uvicorn, so
it never announces another process's server). ``--demo`` makes a fresh machine useful in one
command: it migrates and, on the first start (an empty database), loads the demo network,
issues an admin token and prints it with where the API answers; later starts issue nothing
and say how to make a token.
"""

from __future__ import annotations

import datetime as dt
import errno
import socket
import threading
import time
import urllib.request

import click
import sqlalchemy as sa
import uvicorn
from uvicorn.supervisors import Multiprocess

from core import migrate as migrations
from core.cli.runtime import Runtime, console, run
from core.i18n import N_, _
from core.models import OrgUnit
from core.principal import system_principal
from core.services import audit, tokens


async def database_is_empty(rt: Runtime) -> bool:
    """True when the (migrated) database has no organisation yet."""
    async with rt.db.unit_of_work(readonly=True) as session:
        return (await session.execute(sa.select(sa.func.count()).select_from(OrgUnit))).scalar_one() == 0


async def issue_admin_token(rt: Runtime, label: str, ttl: dt.timedelta) -> tuple[str, str]:
    """An admin token at the root of the tree, audited as the system: ``(token id, secret)``."""
    now = rt.clock.now()
    async with rt.db.unit_of_work() as session:
        root = (
            (await session.execute(sa.select(OrgUnit).where(OrgUnit.parent_id.is_(None)).order_by(OrgUnit.id)))
            .scalars()
            .first()
        )
        assert root is not None
        account = await tokens.service_account_for(session, role="admin", unit=root, now=now)
        row, secret = await tokens.issue(session, now=now, ttl=ttl, service_account=account, label=label)
        audit.record(
            session,
            principal=system_principal(root.ref()),
            at=now,
            unit=root.ref(),
            entity="api_token",
            entity_id=row.public_id,
            action="create",
            reason=label,
        )
    return row.public_id, secret


async def revoke_admin_token(rt: Runtime, token_id: str) -> None:
    """Revoke a token :func:`issue_admin_token` gave (the embedded console's, when it closes)."""
    async with rt.system().unit_of_work() as ctx:
        await tokens.revoke(ctx, token_id)


async def _root_code(rt: Runtime) -> str:
    async with rt.db.unit_of_work(readonly=True) as session:
        return (
            await session.execute(sa.select(OrgUnit.code).where(OrgUnit.parent_id.is_(None)).order_by(OrgUnit.id))
        ).scalars().first() or "HO"


async def _prepare(rt: Runtime, demo: bool) -> str | None:
    """Check the schema (``--demo``: migrate, and on an empty database load the demo);
    returns the admin token issued with a demo just loaded, else None."""
    if not demo:
        await migrations.ensure_migrated(rt.db.engine, rt.locations)
        return None
    from core.demo import load_demo

    await migrations.upgrade(rt.db.engine, rt.locations)
    if not await database_is_empty(rt):
        console.print(
            _(
                "The database already holds an organisation: no demo loaded, no token issued. Create a "
                "token with `touchstone token create --role admin --unit {unit}`."
            ).format(unit=await _root_code(rt))
        )
        return None
    await load_demo(rt, console)
    _token_id, secret = await issue_admin_token(
        rt, "touchstone serve --demo", dt.timedelta(days=rt.settings.token_ttl_days)
    )
    return secret


async def _before_serving(rt: Runtime, host: str, port: int, demo: bool) -> tuple[socket.socket, str | None]:
    """The plugins' conformance first (checked by every command as it starts: a plugin that
    breaks a rule has stopped it, with its message), then the port, then the schema:
    ``(listening socket, demo admin token)``."""
    sock = bind(host, port)
    try:
        return sock, await _prepare(rt, demo)
    except BaseException:
        sock.close()
        raise


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port already taken is said plainly."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = _("the port is taken") if exc.errno == errno.EADDRINUSE else _("the address is not available")
        raise click.ClickException(
            _(
                "Cannot serve on {host}:{port}: {why} ({error}). Stop what uses it or pick another with --host/--port."
            ).format(host=host, port=port, why=why, error=exc.strerror)
        ) from exc
    sock.set_inheritable(True)  # the worker processes serve on it too
    return sock


def _announce_when_answering(base: str, token: str | None) -> None:
    """Print where the API answers once its health endpoint says so."""
    for _attempt in range(600):
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.1)
    else:
        return
    console.print(
        "\n[bold green]"
        + _("Touchstone is answering at {api} (OpenAPI: {schema})").format(
            api=f"{base}/api/v1", schema=f"{base}/schema"
        )
        + "[/]"
    )
    if token:
        console.print(_("Admin token (keep it secret; `touchstone token revoke` ends it):"))
        click.echo(token)


@click.command(help=N_("Serve the HTTP API."))
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("Address to listen on."))
@click.option("--port", default=8000, show_default=True, type=int, help=N_("Port to listen on."))
@click.option("--workers", default=1, show_default=True, type=int, help=N_("Worker processes."))
@click.option("--demo", is_flag=True, help=N_("Migrate; on an empty database load the demo and print an admin token."))
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    sock, secret = run(lambda rt: _before_serving(rt, host, port, demo))
    threading.Thread(target=_announce_when_answering, args=(f"http://{host}:{port}", secret), daemon=True).start()
    config = uvicorn.Config(
        "core.api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="warning"
    )
    if workers > 1:
        Multiprocess(config, sockets=[sock]).run()
        return
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    if not server.started:
        raise click.ClickException(_("the API did not start; the lines above say why"))
