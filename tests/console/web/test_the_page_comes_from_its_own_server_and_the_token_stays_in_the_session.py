"""The web console's page needs nothing from outside (a bank's network often has no way out
to a CDN): every request it makes goes to the web console's own server. And the token typed
into a session stays in that session's memory: not in the page, and neither in the command
line nor in the environment of any process the web console starts for it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from core.i18n import _, language
from tests.console.web.conftest import DemoApi, WebConsole
from tests.console.web.terminal import PageTerminal

PROC = Path("/proc")


def descendants(pid: int) -> set[int]:
    """Every process under ``pid`` (Linux's /proc)."""
    parents: dict[int, int] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def test_the_page_comes_from_its_own_server_and_the_token_stays_in_the_session(
    demo_api: DemoApi, web_console: WebConsole, page, terminal: PageTerminal
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda websocket: requested.append(websocket.url))
    page.goto(web_console.url)
    with language("zh_CN"):
        terminal.wait_for(_("Sign in to Touchstone"))
    terminal.type(demo_api.token)
    terminal.press("Enter")
    terminal.wait_for("总行 HO", "北京分行 BJ")

    origin = urlsplit(web_console.url).netloc
    assert requested, "the page made no request"
    assert {urlsplit(url).netloc for url in requested} == {origin}, requested
    assert {urlsplit(url).path for url in requested} >= {"/", "/static/js/textual.js", "/ws"}

    assert demo_api.token not in page.content()
    sessions = descendants(web_console.pid)
    assert any(b"--login" in read(PROC / str(pid) / "cmdline") for pid in sessions), "no console for the session"
    secret = demo_api.token.encode()
    for pid in sessions:
        assert secret not in read(PROC / str(pid) / "cmdline"), f"process {pid} has the token in its command line"
        assert secret not in read(PROC / str(pid) / "environ"), f"process {pid} has the token in its environment"
