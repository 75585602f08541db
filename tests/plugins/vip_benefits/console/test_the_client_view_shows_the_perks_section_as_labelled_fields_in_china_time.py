"""The client 360° view shows the perks programme's section as the fields the plugin
labelled, in Chinese: what is left of each perk and the latest redemptions at their China
time, never a raw ``key=value`` or a UTC timestamp; the profile's labels and codes are
Chinese too. Asked in English, the API writes the same section in English."""

from __future__ import annotations

from textual.widgets import Static

from console.screens.client_view import ClientViewScreen
from core.sdk import china_time, language
from plugins.vip_benefits.schemas import BalanceOut, RedemptionPage
from tests.plugins.vip_benefits.console.conftest import settle, shown


async def test_the_perks_section_reads_as_labelled_chinese_fields_in_china_time(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        served = await console.api.get(
            "/plugins/vip_benefits/redemptions", RedemptionPage, unit="SH-PD", status="redeemed", limit=1
        )
        redemption = served.items[0]
        balance = await console.api.get(f"/plugins/vip_benefits/clients/{redemption.client}/balance", BalanceOut)
        console.push_screen(ClientViewScreen(redemption.client))
        await settle(pilot)

        view = console.screen
        section = view.query_one("#section-vip_benefits", Static)
        lines = [" ".join(line.split()) for line in shown(section).splitlines()]  # labels are padded
        text = "\n".join(lines)
        assert section.border_title == "贵宾礼遇"
        for perk in balance.perks:
            assert any(
                line.startswith(f"{perk.name} ") and f"剩余 {perk.left}/{perk.quota} 次" in line for line in lines
            )
        assert f"{china_time(redemption.redeemed_at)} · 已兑换 · {redemption.unit}" in text
        assert "=" not in text and "+00:00" not in text and "redeemed_at" not in text
        profile = shown(view.query_one("#profile", Static))
        assert "所属机构" in profile and "等级" in profile and "客户经理" in profile

        with language("en"):
            english = await console.api.client_view(redemption.client)
        perks = next(s for s in english.sections if s.plugin == "vip_benefits")
        assert perks.title == "VIP perks"
        served_line = f"{china_time(redemption.redeemed_at)} · redeemed · {redemption.unit}"
        assert served_line in [f.text for f in perks.fields if f.label.startswith("Redeemed ")]
