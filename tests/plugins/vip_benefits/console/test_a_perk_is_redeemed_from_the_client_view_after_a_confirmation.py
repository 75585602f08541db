"""From a client's 360° view, ``a`` redeems a perk: the perk is chosen by name from what the
client has left, too many companions come back as the API's Chinese refusal at the field,
the first OK asks for confirmation and the second redeems; the view says what is left and
reloads its perks section."""

from __future__ import annotations

from textual.widgets import Static

from console.screens.client_view import ClientViewScreen
from console.screens.pick_field import PickField
from console.screens.pickers import SearchPicker
from plugins.vip_benefits.schemas import BalanceOut, RedemptionPage
from plugins.vip_benefits.screens.redeem import RedeemForm
from tests.plugins.vip_benefits.console.conftest import message, paste, settle, shown, type_into


async def test_a_perk_chosen_by_name_is_redeemed_once_confirmed(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        served = await console.api.get("/plugins/vip_benefits/redemptions", RedemptionPage, unit="SH-PD", limit=1)
        client = served.items[0].client
        balance = await console.api.get(f"/plugins/vip_benefits/clients/{client}/balance", BalanceOut)
        perk = next(p for p in balance.perks if p.left > 0)
        console.push_screen(ClientViewScreen(client))
        await settle(pilot)

        await pilot.press("a")
        await settle(pilot)
        form = console.screen
        assert isinstance(form, RedeemForm)
        await pilot.press("enter")  # on the perk field: the picker opens
        await settle(pilot)
        assert isinstance(console.screen, SearchPicker)
        await paste(pilot, perk.name)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert console.screen is form and form.query_one(PickField).value == perk.perk

        await type_into(pilot, form, "companions", "99")
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(pilot)
        assert console.screen is form and "最多可带" in message(form, "companions")

        await type_into(pilot, form, "companions", "0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert console.screen is form and "再按一次“确定”完成兑换" in shown(form.query_one(".dialog-note", Static))
        await pilot.press("ctrl+s")
        await settle(pilot)

        view = console.screen
        assert isinstance(view, ClientViewScreen)
        after = await console.api.get(f"/plugins/vip_benefits/clients/{client}/balance", BalanceOut)
        left = next(p for p in after.perks if p.perk == perk.perk).left
        assert left == perk.left - 1
        assert any(
            n.message.startswith(f"已兑换“{perk.name}”：剩余 {left}/{perk.quota} 次") for n in console._notifications
        )
        section = shown(view.query_one("#section-vip_benefits", Static))
        assert f"剩余 {left}/{perk.quota} 次" in section and f"兑换{perk.name}" in section
