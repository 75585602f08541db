"""What console tests share, the console's own and those of plugins' screens: the real API
app in the test's process, the console talking to it over httpx's ASGI transport exactly as
``touchstone console --embedded`` does, the seeded demo database, and pilot helpers.

Console tests run on SQLite only. The console never touches the database: everything it
does goes through the HTTP API, whose behaviour on PostgreSQL the core's and the plugins'
own suites prove; running the console's screens a second time on another database would
test the API again, not the console, and double the slowest part of the suite. A conftest
uses this module by importing its fixtures and calling :func:`keep_sqlite_half`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path

import pluggy
import pytest
from litestar import Litestar
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable

from console.api import TouchstoneApi
from console.app import TouchstoneConsole
from console.connection import Connection
from console.extensions import Extensions
from core.api.app import create_app
from core.api.schemas.standards import TouchpointOut, VersionOut
from core.cli.runtime import Runtime
from core.cli.serve import issue_admin_token
from core.clock import FrozenClock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database, create_engine
from core.demo import load_network, load_service_history
from core.demo import loader as demo_loader
from core.plugins import PluginRuntime
from core.testing import START, deselect_halves, plugin_manager_for

DEMO_CLIENTS = 300
DEMO_HISTORY_DAYS = 60


def keep_sqlite_half(config: pytest.Config, items: list[pytest.Item], here: Path) -> None:
    """Console tests keep only their SQLite half (see the module's docstring): the PostgreSQL
    half of each test below ``here`` is not collected rather than skipped, as for
    ``postgres_only`` tests. A conftest calls it from ``pytest_collection_modifyitems``."""
    deselect_halves(config, items, lambda item, backend: backend == "postgresql" and here in item.path.parents)


SCREENSHOT_PLUGINS = ["complaints", "vip_benefits", "acme_lounge"]
"""The plugins the console's tests run with, named so its screenshots do not change with what
else the environment has installed (CI installs the cake-shop example too)."""


def screenshot_plugins() -> pluggy.PluginManager:
    return plugin_manager_for(SCREENSHOT_PLUGINS)


@pytest.fixture(scope="session")
def extensions() -> Extensions:
    return Extensions.collect(screenshot_plugins())


NOTIFICATION_TIMEOUT = 600
"""Seconds a toast stays up in tests: longer than any test's steps take, so a screenshot
shows the toast its steps raised however busy the machine is (Textual's 5 seconds run out
before the screenshot when parallel workers share a loaded machine)."""


def console_on(
    app: Litestar, token: str, clock: FrozenClock, extensions: Extensions, start: str = "dashboard"
) -> TouchstoneConsole:
    console = TouchstoneConsole(
        Connection.in_process(app, token, label="test"), extensions=extensions, clock=clock, start=start
    )
    console.NOTIFICATION_TIMEOUT = NOTIFICATION_TIMEOUT  # type: ignore[misc]
    return console


@pytest.fixture
def console_for(app: Litestar, clock: FrozenClock, extensions: Extensions, token_for) -> Callable[..., object]:
    """``await console_for("admin", "HO")`` → the console, signed in as a new member of staff there."""

    async def build(role: str = "admin", unit: str = "HO") -> TouchstoneConsole:
        headers = await token_for(role, unit)
        return console_on(app, headers["Authorization"].removeprefix("Bearer "), clock, extensions)

    return build


def counting_ids() -> Callable[[str], str]:
    """Public ids numbered in order (``cl_00000000000000000001``…) instead of random ones, so
    that screens showing client ids look the same on every run."""
    counters: dict[str, int] = defaultdict(int)

    def new_public_id(prefix: str) -> str:
        counters[prefix] += 1
        return f"{prefix}_{counters[prefix]:020d}"

    return new_public_id


DemoPart = Callable[[JobContext], Awaitable[object]]


def seeded_demo(
    template: str, directory: Path, *, history_days: int = DEMO_HISTORY_DAYS, then: DemoPart | None = None
) -> tuple[Path, str]:
    """The demo network (a few hundred clients, ``history_days`` of events; the loader is
    seeded) loaded into a copy of ``template`` in ``directory`` at the frozen start time,
    ``then`` what a plugin's test adds to it (a job context on the same clock), and an admin
    token: (database file, token). Client ids are numbered in order."""
    path = directory / "demo.db"
    shutil.copyfile(template, path)

    async def load() -> str:
        clock = FrozenClock(START)
        settings = Settings(data_dir=path.parent, database_url=f"sqlite+aiosqlite:///{path}")
        db = Database(create_engine(settings.database_url))
        try:
            await load_network(db, clock, clients=DEMO_CLIENTS, thresholds=settings.thresholds)
            if history_days:
                await load_service_history(db, clock, days=history_days)
            runtime = Runtime(settings=settings, db=db, plugins=PluginRuntime(screenshot_plugins()), clock=clock)
            if then is not None:
                await then(runtime.system())
            return (await issue_admin_token(runtime, "console tests", dt.timedelta(days=365)))[1]
        finally:
            await db.dispose()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo_loader, "new_public_id", counting_ids())
        return path, asyncio.run(load())


@pytest.fixture(scope="session")
def demo_database(backend: str, template: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo network (a few hundred clients, two months of events; the loader is seeded)
    loaded once per run at the frozen start time, and an admin token for it: (database
    file, token)."""
    assert backend == "sqlite", "the console's tests run on SQLite only"
    return seeded_demo(template, tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo_console(
    demo_database: tuple[Path, str], tmp_path: Path, extensions: Extensions
) -> Callable[[str], TouchstoneConsole]:
    """``demo_console("standards")`` → the console as an admin at head office, opening on
    that screen, on a fresh copy of the demo database."""
    source, token = demo_database

    def build(start: str = "dashboard") -> TouchstoneConsole:
        path = tmp_path / "demo.db"
        shutil.copyfile(source, path)
        settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{path}")
        clock = FrozenClock(START)
        app = create_app(settings, plugin_manager=screenshot_plugins(), clock=clock)
        return console_on(app, token, clock, extensions, start)

    return build


COUNTER = {
    "title": "柜面服务标准",
    "outputs": {"procedure": ["起身迎接", "双手递接"]},
    "controls": [
        {
            "key": "wait",
            "name": "等候时间",
            "kind": "compare",
            "metric": "wait_minutes",
            "comparator": "<=",
            "threshold": 15,
            "unit": "minutes",
            "severity": "major",
        }
    ],
}


async def published_standard(api: TouchstoneApi, code: str = "counter_service") -> VersionOut:
    """A touchpoint whose standard v1 is published, made through the API as an admin would."""
    await api.post("/touchpoints", TouchpointOut, {"code": code, "name": "柜面服务", "channel": "branch"})
    draft = await api.post(f"/touchpoints/{code}/versions", VersionOut, {"content": COUNTER})
    return await api.publish(draft.id, "首版")


def highlight(table: DataTable[object], key: str) -> None:
    """Put the table's cursor on the row ``key`` (as arrow keys would, without counting rows
    that depend on which plugins are installed)."""
    table.focus()
    table.move_cursor(row=table.get_row_index(key))


async def paste(pilot: Pilot[object], text: str) -> None:
    """Paste ``text`` into the focused field, as a terminal's paste does (typing it key by
    key would cost a pilot pause per character)."""
    assert pilot.app.focused is not None
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


def _measuring(table: DataTable[object]) -> bool:
    """A table measures new rows' column widths when it next idles (Textual's private state:
    a screenshot taken before then would cut cells that are about to widen their column)."""
    return bool(table._require_update_dimensions or table._updated_cells)


async def settle(pilot: Pilot[object]) -> None:
    """Wait until every request the screen started has answered, nothing shows loading and
    every table has measured its rows, then stop cursors blinking, so a screenshot is the
    same on every run."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        busy = (
            any(w.is_running for w in app.workers)
            or any(w.loading for w in app.screen.query("*"))
            or any(_measuring(t) for t in app.screen.query(DataTable))
        )
        if not busy:
            break
        await asyncio.sleep(0.02)
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


Step = Callable[[Pilot[object]], Awaitable[None]]
"""What a snapshot test does after the console opens, to arrive at the screen it shows."""


async def arrive(go: Step, pilot: Pilot[object]) -> None:
    """Settle, take the steps ``go``, settle again: a snapshot's ``run_before``."""
    await settle(pilot)
    await go(pilot)
    await settle(pilot)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user of their own: platformdirs finds the downloads and data folders under it."""
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DOWNLOAD_DIR"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


async def saved(folder: Path, count: int, seconds: int = 30) -> list[Path]:
    """The CSV files in ``folder`` once there are ``count`` (an export is saved by a worker)."""
    for _ in range(seconds * 10):
        if len(files := sorted(folder.glob("*.csv"))) >= count:
            return files
        await asyncio.sleep(0.1)
    raise AssertionError(f"{count} exports were not saved in {folder}: {list(folder.iterdir())}")
