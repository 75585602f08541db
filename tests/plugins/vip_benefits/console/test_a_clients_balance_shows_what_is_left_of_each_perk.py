"""The balance screen looks a client up by id: per perk usable today, what is left, used and
the quota in force (as the API counts them), and the unit whose rule applies; an unknown id is
reported and the screen keeps what it showed."""

from __future__ import annotations

from textual.widgets import DataTable

from plugins.vip_benefits.schemas import BalanceOut, RedemptionPage
from tests.plugins.vip_benefits.console.conftest import open_screen, paste, settle


async def test_a_premium_clients_balance_is_shown_and_an_unknown_id_changes_nothing(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        served = await console.api.get(
            "/plugins/vip_benefits/redemptions", RedemptionPage, unit="SH-PD", status="redeemed", limit=1
        )
        used = served.items[0]
        expected = await console.api.get(
            f"/plugins/vip_benefits/clients/{used.client}/balance", BalanceOut, unit="SH-PD"
        )

        await open_screen(pilot, "SH-PD", "balance")
        await paste(pilot, used.client)
        await pilot.press("enter")
        await settle(pilot)
        table = console.screen.query_one("#balance", DataTable)
        shown = {str(key.value): [str(c) for c in table.get_row(key)] for key in table.rows}
        assert shown.keys() == {p.perk for p in expected.perks}
        perk = next(p for p in expected.perks if p.perk == used.perk)
        assert perk.used >= 1
        assert shown[used.perk][:4] == [perk.name, str(perk.left), str(perk.used), str(perk.quota)]
        assert shown[used.perk][7] == perk.set_at
        assert used.client in str(console.screen.query_one("#balance-summary").render())

        await pilot.press("ctrl+u")
        await paste(pilot, "cl_nobody")
        await pilot.press("enter")
        await settle(pilot)
        assert any("cl_nobody" in n.message for n in console._notifications)
        assert table.row_count == len(shown)
