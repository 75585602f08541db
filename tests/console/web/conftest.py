"""Fixtures of the web console's tests: the demo API and the web console as real processes
(:mod:`tests.console.web.servers`), headless Chromium through Playwright, and the text of
the page's terminal (:mod:`tests.console.web.terminal`).

The browser is the Debian ``chromium`` package (``.ci/run`` installs it; Playwright's own
browser builds are not downloaded); where it is missing, these tests are skipped, saying so.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.console.web.servers import admin_token, environment, free_port, running
from tests.console.web.terminal import PageTerminal

CHROMIUM = shutil.which("chromium")


@dataclass(frozen=True)
class DemoApi:
    url: str
    token: str
    env: dict[str, str]


@pytest.fixture(scope="session")
def demo_api(demo_database: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoApi]:
    """``touchstone serve`` on a copy of the seeded demo database, and an admin token for it."""
    directory = tmp_path_factory.mktemp("web-api")
    database = directory / "touchstone.db"
    shutil.copyfile(demo_database[0], database)
    env = environment(directory, database)
    token = admin_token(env)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(["serve", "--port", str(port)], env, directory / "api.log", f"{url}/api/v1/health"):
        yield DemoApi(url, token, env)


@dataclass(frozen=True)
class WebConsole:
    url: str
    pid: int


@pytest.fixture(scope="session")
def web_console(demo_api: DemoApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebConsole]:
    """``touchstone console --web --url <the demo API>``: where browsers open it, and its process."""
    directory = tmp_path_factory.mktemp("web-console")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    args = ["console", "--web", "--host", "127.0.0.1", "--port", str(port), "--url", demo_api.url]
    with running(args, demo_api.env, directory / "web.log", url) as process:
        yield WebConsole(url, process.pid)


@pytest.fixture
def browser() -> Iterator[object]:
    """Headless Chromium, for one test: Playwright's sync API holds an event loop in the
    thread while it runs, which would stop the async tests that follow in the same worker."""
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH: `apt-get install chromium fonts-noto-cjk` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A new browser tab, 1280×800, in Chinese."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.fixture
def terminal(page) -> PageTerminal:
    return PageTerminal(page)
