"""The programme's screens and dashboard panel follow its switches: in the demo it is on at
朝阳支行 BJ-CY and 浦东支行 SH-PD only, so head office (off) and 海淀支行 BJ-HD (its sister
sub-branch) offer none of them, while BJ-CY and an outlet of SH-PD (inheriting) offer all
three screens and show the utilisation panel with this period's figures. A member of staff
whose role may not read reports is told so in the panel."""

from __future__ import annotations

from plugins.vip_benefits.screens import UtilisationPanel
from tests.plugins.vip_benefits.console.conftest import settle, shown, staff_token

SCREENS = ["vip_benefits.catalogue", "vip_benefits.entitlements", "vip_benefits.balance"]


def offered(console) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.key for s in console.plugin_screens() if s.plugin == "vip_benefits"]


async def test_screens_and_panel_appear_where_it_is_on_and_nowhere_else(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert offered(console) == [] and not console.screen.query(UtilisationPanel)
        for unit, on in (("BJ-CY", True), ("BJ-HD", False), ("SH-PD-01", True)):
            await console.choose(unit)
            await settle(pilot)
            assert offered(console) == (SCREENS if on else []), unit
            panels = console.screen.query(UtilisationPanel)
            assert len(panels) == (1 if on else 0), unit
        figures = shown(panels.first())
        assert "本期额度使用" in figures and "次）" in figures and "使用最多" in figures


async def test_a_teller_sees_that_the_panel_needs_the_reports_permission(perks_console, perks_settings) -> None:
    console = perks_console(await staff_token(perks_settings, "teller", "BJ-CY-01"))
    async with console.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert offered(console) == SCREENS
        assert "需要 reports.read（查看报表）权限" in shown(console.screen.query_one(UtilisationPanel))
