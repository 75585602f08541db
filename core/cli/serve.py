"""``touchstone serve``: run the API under uvicorn.

``--demo`` makes a fresh machine useful in one command: it migrates, loads the demo network
when the database is empty, issues an admin token and prints where the API answers.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import urllib.request

import click
import sqlalchemy as sa
import uvicorn

from core import migrate as migrations
from core.cli.runtime import Runtime, console, run
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
        root = (await session.execute(sa.select(OrgUnit).where(OrgUnit.parent_id.is_(None)).order_by(OrgUnit.id))).scalars().first()
        assert root is not None
        account = await tokens.service_account_for(session, role="admin", unit=root, now=now)
        row, secret = await tokens.issue(session, now=now, ttl=ttl, service_account=account, label=label)
        audit.record(session, principal=system_principal(root.ref()), at=now, unit=root.ref(), entity="api_token",
                     entity_id=row.public_id, action="create", reason=label)
    return row.public_id, secret


async def _prepare_demo(rt: Runtime) -> str:
    """Migrate, load the demo if the database is empty, and issue an admin token."""
    from core.demo import load_demo

    await migrations.upgrade(rt.db.engine, rt.locations)
    if await database_is_empty(rt):
        await load_demo(rt, console)
    _, secret = await issue_admin_token(rt, "touchstone serve --demo", dt.timedelta(days=rt.settings.token_ttl_days))
    return secret


async def _check_migrated(rt: Runtime) -> None:
    await migrations.ensure_migrated(rt.db.engine, rt.locations)


def _announce_when_answering(base: str, token: str | None) -> None:
    """Print where the API answers once its health endpoint says so."""
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.1)
    else:
        return
    console.print(f"\n[bold green]Touchstone is answering at {base}/api/v1[/] (OpenAPI: {base}/schema)")
    if token:
        console.print("Admin token (keep it secret; `touchstone token revoke` ends it):")
        click.echo(token)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes.")
@click.option("--demo", is_flag=True, help="Migrate, load demo data if empty and print an admin token.")
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    """Serve the HTTP API."""
    secret = run(_prepare_demo) if demo else None
    if not demo:
        run(_check_migrated)
    base = f"http://{host}:{port}"
    threading.Thread(target=_announce_when_answering, args=(base, secret), daemon=True).start()
    uvicorn.run("core.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning", loop="auto", http="auto")


