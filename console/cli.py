"""``touchstone console``: the admin console, against a server or on the embedded database.

The console registers this command itself (the ``touchstone.commands`` entry point), so the
core never imports the console.

The console (Textual) is imported only when this command runs, so nothing else in the core,
and never the API server, imports it. Against a server, ``--url`` asks for the token without
echo (or reads ``TOUCHSTONE_TOKEN``), checks it, and remembers both per profile
(``--profile``) in the user's config directory, in a file only its owner can read; later
runs without ``--url`` use what the profile remembers. The token is never printed.
The console speaks Chinese unless ``--lang`` (here or before the command), ``TOUCHSTONE_LANG``
or the profile's ``language`` asks for English; ``--lang`` with ``--url`` is remembered.
With ``--embedded`` the API runs inside the console's process on the embedded database:
migrated first, the demo network offered when it is empty, and a short-lived admin token
issued for the session and revoked when the console closes; while the console runs, the
process logs to ``<data dir>/logs/console.log`` and never over the screen.
With ``--web`` the same console is served to browsers (:mod:`console.web`), each session
asking for its token on the console's own login screen (``--login``, which is how the web
server starts them).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from core import migrate as migrations
from core.cli import speak
from core.cli.runtime import Runtime, conforming_plugins, console, run
from core.cli.serve import database_is_empty, issue_admin_token, revoke_admin_token
from core.config import load_settings
from core.errors import PluginRefused
from core.i18n import LANGUAGES, _, current_language, language

if TYPE_CHECKING:
    from console.connection import Connection

EMBEDDED_TOKEN_TTL = dt.timedelta(hours=12)
EMBEDDED_LABEL = "touchstone console --embedded"
SCREENS = ("dashboard", "organisation", "standards", "clients")
LOOPBACK = ("127.0.0.1", "::1", "localhost")


@click.command("console")
@click.option("--url", help="The server (http://host:8000): asks for a token and remembers both in the profile.")
@click.option("--profile", default="default", show_default=True, help="Which remembered server to use.")
@click.option("--embedded", is_flag=True, help="Run the API in this process on the embedded database.")
@click.option(
    "--demo/--no-demo",
    default=None,
    help="With --embedded and an empty database: load the demo network without asking (or refuse).",
)
@click.option(
    "--screen", type=click.Choice(SCREENS), default="dashboard", show_default=True, help="The screen to open on."
)
@click.option(
    "--lang",
    metavar="LANG",
    callback=speak,
    expose_value=False,
    help=f"The console's language: {' or '.join(LANGUAGES)} (default: TOUCHSTONE_LANG, else the profile's, else zh_CN).",
)
@click.option("--web", is_flag=True, help="Serve the console to browsers instead (each session signs in with a token).")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --web: the address to serve on.")
@click.option("--port", default=8010, show_default=True, type=int, help="With --web: the port to serve on.")
@click.option("--public-url", help="With --web: where browsers reach it, when a proxy stands in front.")
@click.option("--login", is_flag=True, hidden=True, help="Ask for the token on the console's login screen.")
@click.pass_context
def console_command(
    ctx: click.Context,
    url: str | None,
    profile: str,
    embedded: bool,
    demo: bool | None,
    screen: str,
    web: bool,
    host: str,
    port: int,
    public_url: str | None,
    login: bool,
) -> None:
    """Open the admin console (a terminal UI over the API)."""
    if embedded and url:
        raise click.UsageError("--embedded runs its own API; leave out --url")
    asked = _language_asked(ctx)
    if web and embedded and host not in LOOPBACK:
        raise click.UsageError(
            _("--web --embedded lets every browser in as an administrator: it serves on 127.0.0.1 only")
        )
    if web:
        _serve_web(url, profile, embedded, demo, screen, host, port, public_url)
    elif login:
        if not url:
            raise click.UsageError(_("--login needs --url"))
        _run(_unsigned(url), screen)
    elif embedded:
        token_id, connection = _embedded(demo)
        try:
            with logs_in_file(log_path(load_settings().data_dir)):
                _run(connection, screen)
        finally:
            run(lambda rt: revoke_admin_token(rt, token_id))
    else:
        from console.profiles import speaking

        connection, remembered = _remote(url, profile, asked)
        with language(speaking(asked, remembered)):
            _run(connection, screen)


def _language_asked(ctx: click.Context) -> str | None:
    """The language ``--lang`` asked for (on this command or on ``touchstone``), else None."""
    given = any(c.get_parameter_source("lang") == ParameterSource.COMMANDLINE for c in (ctx, ctx.find_root()))
    return current_language() if given else None


def _run(connection: Connection, screen: str) -> None:
    from console.app import TouchstoneConsole
    from console.extensions import Extensions

    try:
        plugins = conforming_plugins()
    except PluginRefused as exc:
        raise click.ClickException(str(exc)) from exc
    TouchstoneConsole(connection, extensions=Extensions.collect(plugins.pm), start=screen).run()


def _serve_web(
    url: str | None,
    profile: str,
    embedded: bool,
    demo: bool | None,
    screen: str,
    host: str,
    port: int,
    public_url: str | None,
) -> None:
    """Serve the console to browsers: against ``url`` (or the profile's server, never its
    token), or on the embedded database, prepared here once for every session."""
    from console.web import serve, session_command

    if embedded:
        run(lambda rt: _prepare_embedded(rt, demo))
    else:
        url = _server_url(url, profile)
    serve(session_command(url=url, embedded=embedded, screen=screen), host=host, port=port, public_url=public_url)


def _server_url(url: str | None, name: str) -> str:
    from console.profiles import ProfileStore

    if url is None:
        if (saved := ProfileStore().load(name)) is None:
            raise click.UsageError(f"no profile '{name}' yet: give --url (or use --embedded)")
        url = saved.url
    return _base(url)


def _base(url: str) -> str:
    """The server's own URL, however it was typed (``…/``, ``…/api/v1``)."""
    return url.rstrip("/").removesuffix("/api/v1")


def _unsigned(url: str) -> Connection:
    """A connection to ``url`` without a token: the console asks for one on its login screen."""
    from console.connection import Connection

    url = _base(url)
    return Connection(label=url, base_url=url, token="")


async def _prepare_embedded(rt: Runtime, demo: bool | None) -> None:
    """Migrate the embedded database and, when it is empty, load the demo (asking first
    unless ``demo`` says)."""
    from core.demo import load_demo

    await migrations.upgrade(rt.db.engine, rt.locations)
    if await database_is_empty(rt):
        load = (
            demo
            if demo is not None
            else click.confirm(
                "The embedded database is empty. Load the demo network (28 units, staff, 10,000 clients, "
                "six months of service events)?",
                default=True,
                err=True,
            )
        )
        if not load:
            raise click.ClickException(
                "nothing to administer yet: run `touchstone demo`, or point the console at a server with --url"
            )
        await load_demo(rt, console)


def _embedded(demo: bool | None) -> tuple[str, Connection]:
    """Prepare the embedded database and an admin token: (token id, connection)."""
    from console.connection import Connection
    from core.api.app import create_app

    async def prepare(rt: Runtime) -> tuple[str, str]:
        await _prepare_embedded(rt, demo)
        return await issue_admin_token(rt, EMBEDDED_LABEL, EMBEDDED_TOKEN_TTL)

    token_id, secret = run(prepare)

    settings = load_settings()
    return token_id, Connection.in_process(create_app(settings), secret, label=f"embedded · {settings.data_dir}")


def log_path(data_dir: Path) -> Path:
    """Where the embedded console's process logs: ``<data dir>/logs/console.log``."""
    return data_dir / "logs" / "console.log"


@contextmanager
def logs_in_file(path: Path) -> Iterator[None]:
    """While the console owns the terminal, every log record of the process (the in-process
    API, httpx, SQLAlchemy, the app server's libraries) goes to ``path`` and none to the
    terminal, where it would be written over the screen.

    Litestar sets up logging when the app is built (a handler on the root logger and on its
    own, writing to stderr through a queue), so this runs after that: every handler that is
    not a file's is taken off every logger, whose records then reach the root logger's file.
    Everything is put back afterwards."""
    path.parent.mkdir(parents=True, exist_ok=True)
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    loggers = [
        root,
        *(found for found in logging.Logger.manager.loggerDict.values() if isinstance(found, logging.Logger)),
    ]
    saved = [(logger, logger.handlers[:], logger.propagate) for logger in loggers]
    level = root.level
    for logger in loggers:
        logger.handlers = [h for h in logger.handlers if isinstance(h, logging.FileHandler)]
        logger.propagate = logger.propagate or not logger.handlers
    root.addHandler(to_file)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)  # a library's warnings too: they would print on stderr
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.setLevel(level)
        for logger, handlers, propagate in saved:
            logger.handlers, logger.propagate = handlers, propagate
        to_file.close()


def _remote(url: str | None, name: str, asked: str | None) -> tuple[Connection, str | None]:
    """The connection a profile remembers (or ``--url`` makes and remembers, with the language
    ``--lang`` asked for), and the profile's language."""
    from console.connection import Connection
    from console.profiles import Profile, ProfileStore

    store = ProfileStore()
    saved = store.load(name)
    if url is None:
        if saved is None:
            raise click.UsageError(f"no profile '{name}' yet: give --url (or use --embedded)")
        return Connection(label=f"{name} · {saved.url}", base_url=saved.url, token=saved.token), saved.language
    url = _base(url)
    token = os.environ.get("TOUCHSTONE_TOKEN") or click.prompt("API token (not shown)", hide_input=True, err=True)
    _check(url, token)
    speaks = asked or (saved.language if saved else None)
    store.save(Profile(name=name, url=url, token=token, language=speaks))
    click.echo(f"Profile '{name}' remembers {url}; its token is kept in {store.path} (readable only by you).", err=True)
    return Connection(label=f"{name} · {url}", base_url=url, token=token), speaks


def _check(url: str, token: str) -> None:
    """Refuse to remember a server that does not answer or a token it does not accept."""
    import httpx

    try:
        response = httpx.get(f"{url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    except httpx.HTTPError as exc:
        raise click.ClickException(f"cannot reach {url}: {exc}") from exc
    if response.status_code != 200:
        detail = (
            response.json().get("detail", response.text)
            if "json" in response.headers.get("content-type", "")
            else response.text[:200]
        )
        raise click.ClickException(f"{url} refused the token ({response.status_code}): {detail}")
