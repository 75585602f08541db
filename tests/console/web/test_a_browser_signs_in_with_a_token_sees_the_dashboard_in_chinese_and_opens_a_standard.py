"""The web console in headless Chromium: the page shows the console's login screen and
nothing else until a token is typed there; then the dashboard of the token's unit, in
Chinese; and a standard opens from the keyboard, as in the terminal."""

from __future__ import annotations

from core.i18n import _, language
from tests.console.web.conftest import DemoApi, WebConsole
from tests.console.web.terminal import PageTerminal


def chinese(message: str) -> str:
    with language("zh_CN"):
        return _(message)


def test_a_browser_signs_in_with_a_token_sees_the_dashboard_in_chinese_and_opens_a_standard(
    demo_api: DemoApi, web_console: WebConsole, page, terminal: PageTerminal
) -> None:
    page.goto(web_console.url)
    assert page.locator("html").get_attribute("lang") == "zh-CN"

    login = terminal.wait_for(chinese("Sign in to Touchstone"), chinese("API token"))
    assert "总行" not in login, "nothing of the network shows before the token is accepted"

    terminal.type("ts_not-a-token")
    terminal.press("Enter")
    terminal.wait_for(chinese("The server did not accept the token: {reason}").split("{")[0])

    terminal.type(demo_api.token)
    terminal.press("Enter")
    # the dashboard, in Chinese: the head office and the branches under it
    dashboard = [chinese("Dashboard"), chinese("Compliance by unit"), "总行 HO", "北京分行 BJ", "上海分行 SH"]
    terminal.wait_for(*dashboard, gone=(chinese("Sign in to Touchstone"), "Compliance by unit"))
    assert "看板" in dashboard

    terminal.press("s")
    terminal.wait_for(chinese("Touchpoints"), "生日关怀", "柜面服务", "门口迎候")  # the first highlighted
    terminal.press("n")  # a draft of the birthday-care standard from the version in force, in the editor
    terminal.wait_for(chinese("Draft"), "白银及以上客户生日", "生日前提醒")
