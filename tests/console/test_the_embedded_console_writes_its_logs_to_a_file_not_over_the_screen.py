"""``touchstone console --embedded`` runs the API in its own process, and the API's libraries
log (httpx a line per request, Litestar, SQLAlchemy): while the console owns the terminal every
record goes to ``<data dir>/logs/console.log`` and nothing is written to stdout or stderr,
where it would land over the screen. Logging is as it was once the console closes."""

from __future__ import annotations

import asyncio
import logging
import warnings
from pathlib import Path

import click
import pytest

from console.app import TouchstoneConsole
from console.cli import _embedded, log_path, logs_in_file
from console.connection import Connection
from console.extensions import Extensions
from core.cli.runtime import run
from core.cli.serve import revoke_admin_token
from core.db.engine import Database, create_engine
from core.testing import build_network
from tests.console.support import settle


@pytest.fixture
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Connection]:
    """What ``--embedded`` prepares on a data dir holding a small network: (token id, connection)."""
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", f"sqlite:///{tmp_path / 'touchstone.db'}")
    with pytest.raises(click.ClickException):
        _embedded(demo=False)  # migrates the empty database, refuses the demo

    async def network() -> None:
        db = Database(create_engine(f"sqlite+aiosqlite:///{tmp_path / 'touchstone.db'}"))
        await build_network(db)
        await db.dispose()

    asyncio.run(network())
    return _embedded(demo=None)


def terminal_handlers() -> list[logging.Handler]:
    """Handlers on any logger that write somewhere other than a file (the terminal, or a queue to it)."""
    loggers = [
        logging.getLogger(),
        *(found for found in logging.Logger.manager.loggerDict.values() if isinstance(found, logging.Logger)),
    ]
    return [
        h for logger in loggers for h in logger.handlers if not isinstance(h, logging.FileHandler | logging.NullHandler)
    ]


def test_every_record_goes_to_the_log_file_and_none_to_the_terminal(
    embedded, tmp_path: Path, extensions: Extensions, capfd: pytest.CaptureFixture[str]
) -> None:
    token_id, connection = embedded
    assert terminal_handlers()  # Litestar's, on the root logger and its own, writing to stderr
    before = terminal_handlers()
    capfd.readouterr()

    async def session() -> list[logging.Handler]:
        async with TouchstoneConsole(connection, extensions=extensions).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("o")  # the organisation screen: more requests
            await settle(pilot)
            logging.getLogger("sqlalchemy.engine").warning("a library's warning")
            warnings.warn("a library's deprecation", DeprecationWarning, stacklevel=1)
            return terminal_handlers()

    with logs_in_file(log_path(tmp_path)), warnings.catch_warnings():
        warnings.simplefilter("always")
        during = asyncio.run(session())
    printed = capfd.readouterr()
    assert (printed.out, printed.err) == ("", "")
    assert during == []
    logged = (tmp_path / "logs" / "console.log").read_text(encoding="utf-8")
    assert 'INFO httpx: HTTP Request: GET http://embedded/api/v1/me "HTTP/1.1 200 OK"' in logged
    assert "/api/v1/units" in logged and "a library's warning" in logged and "a library's deprecation" in logged
    assert terminal_handlers() == before  # put back once the console has closed
    run(lambda rt: revoke_admin_token(rt, token_id))
