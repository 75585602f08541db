"""A plugin's demo data (its ``load_demo_data`` hook), run in a test as ``touchstone demo`` runs it."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Protocol

from core.cli.runtime import Runtime
from core.cli.serve import issue_admin_token
from core.clock import Clock
from core.config import Settings
from core.db.engine import Database
from core.demo import load_network, load_plugin_demo_data
from core.plugins import PluginRuntime
from core.testing.plugin_sets import PluginSet, plugin_manager_for

DEMO_CLIENTS = 300


@dataclass(frozen=True)
class DemoRun:
    """What a demo load left: each plugin's one-line summary, an admin token at the root, and
    how long the plugins' part took (``touchstone demo`` should stay quick)."""

    lines: list[str]
    token: str
    seconds: float

    @property
    def headers(self) -> dict[str, str]:
        """The admin's ``Authorization`` header, for the HTTP client."""
        return {"Authorization": f"Bearer {self.token}"}


class DemoLoader(Protocol):
    """What the ``run_demo`` fixture is: ``await run_demo(clients=300, plugins=["acme_lounge"])``."""

    async def __call__(self, *, clients: int = ..., plugins: PluginSet | None = ...) -> DemoRun: ...


async def load_demo(
    db: Database, clock: Clock, settings: Settings, *, clients: int = DEMO_CLIENTS, plugins: PluginSet | None = None
) -> DemoRun:
    """Into an empty migrated database: the core's demo network (its head office, branches,
    sub-branches and outlets with staff, ``clients`` seeded clients, no service history),
    then the demo data of ``plugins`` (default every installed one), asked in one unit of work
    as the system exactly as ``touchstone demo`` asks it; and an admin token."""
    await load_network(db, clock, clients=clients, thresholds=settings.thresholds)
    runtime = Runtime(settings=settings, db=db, plugins=PluginRuntime(plugin_manager_for(plugins)), clock=clock)
    started = time.perf_counter()
    lines = await load_plugin_demo_data(runtime.system())
    seconds = time.perf_counter() - started
    _, token = await issue_admin_token(runtime, "demo in a test", dt.timedelta(days=365))
    return DemoRun(lines=lines, token=token, seconds=seconds)
