"""The balance screen picks the client by name, never by a typed id: the screen opens on the
client field, Enter opens a search, part of the name finds the client, and per perk usable
today the table shows what is left, used and the quota in force (as the API counts them),
the period and the unit whose rule applies, in Chinese; the focus moves to the table."""

from __future__ import annotations

from textual.widgets import DataTable

from console.screens.pickers import SearchPicker
from core.api.schemas.clients import ClientOut
from plugins.vip_benefits.schemas import BalanceOut, RedemptionPage
from plugins.vip_benefits.terms import PERIODS
from tests.plugins.vip_benefits.console.conftest import open_screen, paste, settle


async def test_a_client_found_by_name_shows_what_is_left_of_each_perk(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        served = await console.api.get(
            "/plugins/vip_benefits/redemptions", RedemptionPage, unit="SH-PD", status="redeemed", limit=1
        )
        used = served.items[0]
        client = await console.api.get(f"/clients/{used.client}", ClientOut)
        expected = await console.api.get(
            f"/plugins/vip_benefits/clients/{used.client}/balance", BalanceOut, unit="SH-PD"
        )

        await open_screen(pilot, "SH-PD", "balance")
        screen = console.screen
        assert console.focused is screen.client.input  # the work starts at the client field
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(console.screen, SearchPicker)
        await paste(pilot, client.name)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

        table = screen.query_one("#balance", DataTable)
        assert console.screen is screen and console.focused is table
        shown = {str(key.value): [str(c) for c in table.get_row(key)] for key in table.rows}
        assert shown.keys() == {p.perk for p in expected.perks}
        perk = next(p for p in expected.perks if p.perk == used.perk)
        assert perk.used >= 1
        assert shown[used.perk][:5] == [
            perk.name,
            str(perk.left),
            str(perk.used),
            str(perk.quota),
            str(PERIODS[perk.period]),
        ]
        assert shown[used.perk][7] == perk.set_at
        summary = str(screen.query_one("#balance-summary").render())
        assert client.name in summary and "截至" in summary and used.client not in summary
        assert [str(c.label) for c in table.columns.values()][:4] == ["礼遇", "剩余", "已用", "额度"]
