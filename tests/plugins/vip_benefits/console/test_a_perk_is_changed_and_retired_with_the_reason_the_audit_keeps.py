"""Changing a perk sends only what changed, with the reason; retiring it sets its last day
(today by default), after which it is dimmed as not usable; both are in the audit log with
their reasons. A merchant perk turned into the bank's while it still names a merchant is
refused at the merchant's field before anything is sent."""

from __future__ import annotations

from textual.widgets import DataTable

from console.screens.modals import FormModal
from core.api.schemas.audit import AuditPage
from plugins.vip_benefits.schemas import PerkOut
from plugins.vip_benefits.screens import CatalogueScreen
from tests.plugins.vip_benefits.console.conftest import (
    field,
    highlight,
    message,
    open_screen,
    settle,
    type_into,
)


async def test_a_perk_is_changed_then_retired_and_both_are_audited(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 32)) as pilot:
        await open_screen(pilot, "BJ-CY", "catalogue")
        perks = console.screen.query_one("#perks", DataTable)
        highlight(perks, "airport_lounge")
        await pilot.press("e")
        await settle(pilot)
        form = console.screen
        assert isinstance(form, FormModal)
        await type_into(pilot, form, "unit_cost", "200")
        field(form, "provider").input.value = "bank"  # type: ignore[union-attr]
        await type_into(pilot, form, "reason", "2027 年合作价格")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(form, "merchant_code") == "仅限合作商户提供的礼遇"
        field(form, "provider").input.value = "merchant"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(console.screen, CatalogueScreen)
        assert str(perks.get_row("airport_lounge")[4]) == "¥200.00"

        highlight(perks, "airport_lounge")
        await pilot.press("w")
        await settle(pilot)
        retire = console.screen
        assert isinstance(retire, FormModal) and field(retire, "active_until").value == "2026-11-20"  # today
        await type_into(pilot, retire, "active_until", "2026-11-19")
        await type_into(pilot, retire, "reason", "合作到期")
        await pilot.press("enter")
        await settle(pilot)
        lounge = await console.api.get("/plugins/vip_benefits/perks/airport_lounge", PerkOut, unit="BJ-CY")
        assert (str(lounge.active_until), lounge.active_today, str(lounge.unit_cost)) == ("2026-11-19", False, "200.00")
        code, *_, window = perks.get_row("airport_lounge")
        assert (str(window), code.style) == ("至2026年11月19日", "dim")
        highlight(perks, "airport_lounge")
        assert "今天不可用" in str(console.screen.query_one("#perk-detail").render())

        audit = await console.api.get("/audit", AuditPage, entity="vip_benefits_perk", entity_id="airport_lounge")
        assert [(a.action, a.after, a.reason) for a in audit.items[1:]] == [
            ("updated", {"unit_cost": "200.00"}, "2027 年合作价格"),
            ("updated", {"active_until": "2026-11-19"}, "合作到期"),
        ]
