"""``touchstone console --web``: the same console in a browser, through textual-serve.

textual-serve answers the page and, for every browser that connects, starts the console as a
process of its own whose screen the page shows (xterm.js) and whose keys it sends. That
process is given the server's URL and nothing secret: it opens on the console's login
screen (:mod:`console.screens.login`), and the token typed there stays in its memory. No
token is ever in the page, in a process's command line, or in its environment (the web
server drops ``TOUCHSTONE_TOKEN`` from the environment its sessions inherit). With
``--embedded`` each session runs the API in its own process on the embedded database, as
the terminal console does, and so needs no token.

The page is this package's copy of textual-serve's (``web_templates/app_index.html``): the
stock page loads its font from a CDN, and a bank's network often has no way out to one. The
scripts, styles and fonts all come from textual-serve's own static files, served by the same
server.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from core.i18n import _, current_language

if TYPE_CHECKING:
    from aiohttp import web

TEMPLATES = Path(__file__).parent / "web_templates"
TITLE = "Touchstone"
TOKEN_VARIABLE = "TOUCHSTONE_TOKEN"


def session_command(*, url: str | None, embedded: bool, screen: str) -> str:
    """The shell command textual-serve runs for each browser session: this Python, the
    ``touchstone`` CLI in the server's language, the console on ``url`` asking for its token
    on its own login screen (or ``--embedded``, on a database the server has prepared)."""
    cli = "from core.cli import main; main(prog_name='touchstone')"
    where = ["--embedded", "--no-demo"] if embedded else ["--url", url or "", "--login"]
    return shlex.join([sys.executable, "-c", cli, "--lang", current_language(), "console", *where, "--screen", screen])


def serve(command: str, *, host: str, port: int, public_url: str | None) -> None:
    """Serve the console at ``http://host:port`` until interrupted (``public_url``: where
    browsers reach it, when a proxy stands in front)."""
    from textual_serve.server import Server

    class ConsoleServer(Server):
        async def _make_app(self) -> web.Application:
            import aiohttp_jinja2

            app = await super()._make_app()
            aiohttp_jinja2.get_env(app).globals["text"] = page_text()
            return app

        async def on_startup(self, app: web.Application) -> None:
            self.console.print(_("The web console is at {url} (Ctrl+C stops it)").format(url=self.public_url))

    os.environ.pop(TOKEN_VARIABLE, None)
    ConsoleServer(command, host=host, port=port, title=TITLE, public_url=public_url, templates_path=TEMPLATES).serve()


def page_text() -> dict[str, str]:
    """The few words of the page around the console, in the server's language."""
    return {
        "lang": current_language().replace("_", "-"),
        "start": _("Start"),
        "ended": _("The session has ended."),
        "restart": _("Start again"),
    }
