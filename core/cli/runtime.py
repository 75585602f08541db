"""What every command needs: settings, the database, the plugins, a console to print on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

import click
from rich.console import Console

from core.api.conformance import refuse
from core.clock import Clock
from core.config import Settings, load_settings
from core.context import JobContext
from core.db.engine import Database, create_engine
from core.errors import DatabaseNotMigrated, PluginRefused, TouchstoneError
from core.migrate import owner_locations
from core.plugins import PluginRuntime, create_plugin_manager
from core.types import MigrationsLocation

T = TypeVar("T")
console = Console(stderr=True)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    plugins: PluginRuntime
    clock: Clock

    @property
    def locations(self) -> list[MigrationsLocation]:
        return owner_locations([loc for _, loc in self.plugins.collect("register_migrations")])

    def system(self, progress: Callable[[str], None] = lambda _: None) -> JobContext:
        """What jobs get, and what the CLI's own writes use: ``unit_of_work()`` acts as the
        system principal at the root, through the same services (and audit) as the API."""
        return JobContext(db=self.db, plugins=self.plugins, clock=self.clock, settings=self.settings, progress=progress)


def conforming_plugins(commands: Iterable[str] = ()) -> PluginRuntime:
    """The installed plugins; raises :class:`~core.errors.PluginNonConformant` when one breaks
    a start-up conformance rule, as the API does (a plugin command may take none of
    ``commands``)."""
    plugins = PluginRuntime(create_plugin_manager())
    refuse(plugins, commands=commands)
    return plugins


@asynccontextmanager
async def open_runtime() -> AsyncIterator[Runtime]:
    """Settings, the database and the plugins (:func:`conforming_plugins`)."""
    plugins = conforming_plugins()
    settings = load_settings()
    configure_logging(settings)
    db = Database(create_engine(settings.database_url))
    try:
        yield Runtime(settings=settings, db=db, plugins=plugins, clock=Clock())
    finally:
        await db.dispose()


def configure_logging(settings: Settings) -> None:
    """Warnings and errors to stderr; the default outbox delivery's lines (INFO) to
    ``outbox.log`` in the data dir only, not over the operator's terminal."""
    terminal = logging.StreamHandler()
    terminal.setLevel(logging.WARNING)  # records of loggers set lower (the outbox's) still stop here
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=[terminal]
    )
    outbox = logging.getLogger("touchstone.outbox")
    if not outbox.handlers:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(settings.data_dir / "outbox.log", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        outbox.addHandler(handler)
        outbox.setLevel(logging.INFO)


def run(body: Callable[[Runtime], Awaitable[T]]) -> T:
    """Run an async command body with a runtime; user errors become a clean exit."""

    async def main() -> T:
        async with open_runtime() as runtime:
            return await body(runtime)

    try:
        return asyncio.run(main())
    except (TouchstoneError, DatabaseNotMigrated, PluginRefused) as exc:
        raise click.ClickException(str(exc)) from exc
