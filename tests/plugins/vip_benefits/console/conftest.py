"""Fixtures for the perks programme's console tests, on SQLite only (as every console test:
:mod:`tests.console.support` says why): the console's own fixtures and helpers, and a demo
database where the programme's demo has run, so the screens show the story a newcomer sees."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from console.app import TouchstoneConsole
from console.extensions import Extensions
from console.screens.modals import FormModal
from console.widgets.form import FormField
from core.api.app import create_app
from core.clock import FrozenClock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database, create_engine
from core.models import OrgUnit, Staff
from core.plugins import create_plugin_manager
from core.services import tokens
from core.services.standards import sync_plugin_touchpoints
from core.testing import START
from plugins.vip_benefits import demo
from tests.console.support import (  # noqa: F401  (fixtures, and helpers the tests import from here)
    console_on,
    extensions,
    highlight,
    keep_sqlite_half,
    paste,
    seeded_demo,
    settle,
)

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep_sqlite_half(config, items, HERE)


async def perks_demo(job: JobContext) -> str:
    """The programme's part of the demo, alone (other plugins' parts stay out of these tests)."""
    async with job.unit_of_work() as ctx:
        await sync_plugin_touchpoints(ctx.session, ctx.plugins, ctx.now)  # as the core's demo does first
        return await demo.load(ctx)


@pytest.fixture(scope="session")
def perks_database(backend: str, template: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo network (no service history) and the programme's demo, seeded and loaded once
    per run at the frozen start time, and an admin token: (database file, token)."""
    assert backend == "sqlite", "console tests run on SQLite only"
    return seeded_demo(template, tmp_path_factory.mktemp("perks"), history_days=0, then=perks_demo)


async def staff_token(settings: Settings, role: str, unit: str) -> str:
    """A token for one of the demo's staff with ``role`` at ``unit``."""
    db = Database(create_engine(settings.database_url))
    try:
        async with db.unit_of_work() as session:
            staff = (
                await session.execute(
                    sa.select(Staff)
                    .join(OrgUnit, OrgUnit.id == Staff.unit_id)
                    .where(OrgUnit.code == unit)
                    .order_by(Staff.id)
                )
            ).scalars()
            member = next(s for s in staff if role in s.roles)
            return (await tokens.issue(session, now=START, ttl=dt.timedelta(days=1), staff=member))[1]
    finally:
        await db.dispose()


@pytest.fixture
def perks_settings(perks_database: tuple[Path, str], tmp_path: Path) -> Settings:
    """Settings pointing at this test's own copy of the perks demo database."""
    path = tmp_path / "perks.db"
    shutil.copyfile(perks_database[0], path)
    return Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{path}")


@pytest.fixture
def perks_console(
    perks_database: tuple[Path, str], perks_settings: Settings, extensions: Extensions
) -> Callable[..., TouchstoneConsole]:
    """``perks_console()`` → the console on this test's copy of the perks demo, as an admin
    at head office (or as whoever ``token`` belongs to, see :func:`staff_token`)."""

    def build(token: str | None = None) -> TouchstoneConsole:
        clock = FrozenClock(START)
        app = create_app(perks_settings, plugin_manager=create_plugin_manager(), clock=clock)
        return console_on(app, token or perks_database[1], clock, extensions)

    return build


async def open_screen(pilot: Pilot[object], unit: str, key: str) -> None:
    """Work on ``unit`` and open the programme's screen ``key`` there (as ``p`` and Enter
    would, without counting the rows other plugins add to that list)."""
    console: TouchstoneConsole = pilot.app  # type: ignore[assignment]
    await settle(pilot)
    await console.choose(unit)
    await settle(pilot)
    console.open_plugin_screen(next(s for s in console.plugin_screens() if s.key == f"vip_benefits.{key}"))
    await settle(pilot)


def field(form: FormModal[object], name: str) -> FormField:
    return next(f for f in form.fields if f.field_name == name)


def message(form: FormModal[object], name: str) -> str:
    """What the form says under the field ``name`` (empty when nothing is wrong)."""
    return str(field(form, name).query_one(".form-error").render())


async def type_into(pilot: Pilot[object], form: FormModal[object], name: str, text: str) -> None:
    """Replace what the field ``name`` holds with ``text``, as a person would."""
    field(form, name).input.focus()
    await pilot.press("end", "ctrl+u")
    await paste(pilot, text)


def shown(widget: Static) -> str:
    """What a static widget (a panel's table, a line of text) shows, as plain text."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()
