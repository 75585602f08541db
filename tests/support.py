"""Fixtures for tests that talk to the API: a small network, an app, a client, tokens."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest
import uvicorn
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core import hookimpl
from core.api.app import create_app
from core.clock import FrozenClock
from core.config import Settings
from core.db.base import new_public_id
from core.db.engine import Database
from core.generations import bump_org
from core.models import OrgUnit, PluginEnablement, Staff
from core.plugins import create_plugin_manager
from core.services import tokens
from core.types import ViewSection

# code, name, level, parent code
NETWORK: list[tuple[str, str, str, str | None]] = [
    ("HO", "总行", "head_office", None),
    ("BR1", "北京分行", "branch", "HO"),
    ("SB1", "朝阳支行", "sub_branch", "BR1"),
    ("OUT1", "望京网点", "outlet", "SB1"),
    ("OUT2", "国贸理财中心", "outlet", "SB1"),
    ("SB2", "海淀支行", "sub_branch", "BR1"),
    ("OUT3", "中关村网点", "outlet", "SB2"),
    ("BR2", "上海分行", "branch", "HO"),
    ("SB3", "浦东支行", "sub_branch", "BR2"),
    ("OUT4", "陆家嘴网点", "outlet", "SB3"),
]

START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
TokenFactory = Callable[..., Awaitable[dict[str, str]]]


def deselect_halves(config: pytest.Config, items: list[pytest.Item], unwanted: Callable[[pytest.Item, str], bool]) -> None:
    """Leave out (deselect, not skip) each test's database half for which ``unwanted(item,
    backend)`` holds: a half that can prove nothing is not reported as a skip."""
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec is not None else None
        (drop if backend is not None and unwanted(item, backend) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


async def build_network(db: Database) -> dict[str, OrgUnit]:
    """Insert :data:`NETWORK` directly (the tree the API tests start from)."""
    units: dict[str, OrgUnit] = {}
    async with db.unit_of_work() as session:
        for code, name, level, parent in NETWORK:
            unit = OrgUnit(code=code, name=name, level=level, parent_id=units[parent].id if parent else None, path="")
            session.add(unit)
            await session.flush()
            unit.path = f"{units[parent].path if parent else '/'}{unit.id}/"
            units[code] = unit
        await session.flush()
    return units


@pytest.fixture
async def network(db: Database) -> dict[str, OrgUnit]:
    return await build_network(db)


@pytest.fixture
def app(settings: Settings, clock: FrozenClock, network: dict[str, OrgUnit]) -> Litestar:
    """The app with its own engine: Litestar's test client runs it on another event loop
    than the test's, and a pooled connection must stay on the loop that opened it."""
    return create_app(settings, plugin_manager=create_plugin_manager(), clock=clock)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as test_client:
        yield test_client


@pytest.fixture
def token_for(db: Database, network: dict[str, OrgUnit], clock: FrozenClock) -> TokenFactory:
    """``await token_for("teller", "OUT1")`` → headers for a new staff member there.

    ``service=True`` makes a service account instead; ``roles=[...]`` gives several roles.
    """

    async def issue(role: str | None = None, unit: str = "HO", *, roles: list[str] | None = None,
                    service: bool = False) -> dict[str, str]:
        roles = roles or [role or "admin"]
        async with db.unit_of_work() as session:
            if service:
                account = await tokens.service_account_for(session, role=roles[0], unit=network[unit], now=clock.now())
                _, secret = await tokens.issue(session, now=clock.now(), ttl=dt.timedelta(days=365), service_account=account)
            else:
                staff = Staff(public_id=new_public_id("st"), employee_no=new_public_id("E"), name=f"{roles[0]} 张三",
                              unit_id=network[unit].id, roles=roles, phone="13800138000", active=True)
                session.add(staff)
                await session.flush()
                _, secret = await tokens.issue(session, now=clock.now(), ttl=dt.timedelta(days=365), staff=staff)
        return {"Authorization": f"Bearer {secret}"}

    return issue


class Recorder:
    """A plugin that records every event hook it receives (register it under a name, then
    switch it on at a unit with :func:`enable`)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    @hookimpl
    def client_created(self, client, reason, ctx) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_created", {"client": client, "reason": reason, "unit": ctx.unit.code}))

    @hookimpl
    def client_updated(self, client, changes, reason) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_updated", {"client": client, "changes": changes, "reason": reason}))

    @hookimpl
    def client_tier_changed(self, client, old_tier, new_tier) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_tier_changed", {"client": client, "old": old_tier, "new": new_tier}))

    @hookimpl
    async def client_manager_changed(self, client, old_manager, new_manager, reason) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_manager_changed", {"old": old_manager, "new": new_manager, "reason": reason}))

    @hookimpl
    def client_archived(self, client, reason) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_archived", {"client": client, "reason": reason}))

    @hookimpl
    def client_purged(self, client) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_purged", {"client": client}))

    @hookimpl
    def client_view_sections(self, client) -> list[ViewSection]:  # type: ignore[no-untyped-def]
        return [ViewSection(key="recorder", title="记录", data={"seen": client.id}, plugin="recorder")]


async def enable(db: Database, plugin: str, unit: OrgUnit, enabled: bool = True) -> None:
    """Switch ``plugin`` at ``unit`` directly in the database (as the API would)."""
    async with db.unit_of_work() as session:
        session.add(PluginEnablement(unit_id=unit.id, plugin=plugin, enabled=enabled, changed_at=START,
                                     changed_by="test", reason="test"))
        await bump_org(session)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def recording_app(settings: Settings, clock: FrozenClock, network: dict[str, OrgUnit], recorder: Recorder) -> Litestar:
    return create_app(settings, plugin_manager=create_plugin_manager(plugins=[("recorder", recorder)]), clock=clock)


@pytest.fixture
async def recording_client(recording_app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=recording_app) as test_client:
        yield test_client


@asynccontextmanager
async def live_server(app: Litestar) -> AsyncIterator[str]:
    """Serve ``app`` over real HTTP on a free localhost port, on the test's event loop; yields
    the base URL. For tests that need requests truly in flight at once (the in-process test
    client hands the app one request at a time). Build a fresh app for it: a pooled connection
    must stay on the loop that opened it."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            serving.result()  # start-up failed: raise its error
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving
