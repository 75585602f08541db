"""In the web console, ctrl+s (导出 CSV) hands the export to the browser as a download (the
web console's server sends it; nothing is saved on the server): the API's file, named as
the API names it, byte for byte with its BOM."""

from __future__ import annotations

from pathlib import Path

import httpx

from core.i18n import _, language
from tests.console.web.conftest import DemoApi, WebConsole
from tests.console.web.terminal import PageTerminal


def test_an_export_in_the_web_console_is_downloaded_by_the_browser(
    demo_api: DemoApi, web_console: WebConsole, page, terminal: PageTerminal
) -> None:
    exported = httpx.get(
        f"{demo_api.url}/api/v1/clients",
        params={"format": "csv", "unit": "HO"},
        headers={"Authorization": f"Bearer {demo_api.token}"},
    )
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")

    page.goto(web_console.url)
    with language("zh_CN"):
        terminal.wait_for(_("Sign in to Touchstone"))
    terminal.type(demo_api.token)
    terminal.press("Enter")
    terminal.wait_for("总行 HO")
    terminal.press("c")
    terminal.wait_for("cl_")  # the clients listed
    with page.expect_download() as download:
        terminal.press("Control+s")

    assert download.value.suggested_filename.startswith("clients-")
    assert Path(download.value.path()).read_bytes() == exported.content
