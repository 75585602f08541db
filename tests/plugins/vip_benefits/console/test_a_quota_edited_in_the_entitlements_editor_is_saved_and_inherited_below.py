"""In the entitlements editor at a sub-branch, a cell inherited from head office is edited
(a quota that is no whole number is refused at the field), marked, and saved with a reason in
one batch: the cell now says it is set here, and an outlet below inherits it (as the API
says). Clearing it
again lets the sub-branch inherit head office's rule once more; leaving with a cell still
marked asks first."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from console.screens.modals import ConfirmModal, FormModal
from plugins.vip_benefits.schemas import RulesPage
from plugins.vip_benefits.screens import EntitlementsScreen
from tests.plugins.vip_benefits.console.conftest import open_screen, paste, settle


def cell(grid: DataTable[object], perk: str, tier: str) -> str:
    return str(grid.get_cell(perk, tier))


async def on_cell(pilot, perk: str, tier: str) -> DataTable[object]:  # type: ignore[no-untyped-def]
    grid = pilot.app.screen.query_one("#grid", DataTable)
    grid.focus()
    grid.move_cursor(row=grid.get_row_index(perk), column=grid.get_column_index(tier))
    await pilot.pause()
    return grid


async def save_with_reason(pilot, reason: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s")
    await settle(pilot)
    await paste(pilot, reason)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_quota_is_set_here_inherited_below_and_cleared_again(perks_console) -> None:
    console = perks_console()
    async with console.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot, "BJ-CY", "entitlements")
        grid = await on_cell(pilot, "airport_lounge", "gold")
        assert cell(grid, "airport_lounge", "gold") == "6/yr +1 ↑HO"
        assert "inherited from HO" in str(console.screen.query_one("#cell-detail").render())

        await pilot.press("e")
        await settle(pilot)
        form = console.screen
        assert isinstance(form, FormModal)
        quota = form.query_one(Input)
        quota.focus()
        await pilot.press("end", "ctrl+u")
        await paste(pilot, "2.5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert console.screen is form and "a whole number from 0 to 10,000" in str(
            form.query_one(".form-error").render()
        )
        await pilot.press("ctrl+u")
        await paste(pilot, "9")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(console.screen, EntitlementsScreen)
        assert cell(grid, "airport_lounge", "gold") == "9/yr +1 *"

        await save_with_reason(pilot, "朝阳支行提高黄金客户贵宾厅次数")
        assert cell(grid, "airport_lounge", "gold") == "9/yr +1 ●"
        assert "Entitlements at BJ-CY saved" in [n.message for n in console._notifications]

        below = await console.api.get("/plugins/vip_benefits/units/BJ-CY-01/entitlements", RulesPage)
        rules = {r.tier: r for r in next(row for row in below.items if row.perk == "airport_lounge").rules}
        assert (rules["gold"].quota, rules["gold"].set_at, rules["silver"].set_at) == (9, "BJ-CY", "HO")

        await pilot.press("x")
        assert cell(grid, "airport_lounge", "gold") == "inherit *"
        await save_with_reason(pilot, "恢复总行标准")
        assert cell(grid, "airport_lounge", "gold") == "6/yr +1 ↑HO"

        await on_cell(pilot, "birthday_cake", "mass")  # no rule: the tier does not get it
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")  # 0 a calendar year, as offered
        await settle(pilot)
        assert cell(grid, "birthday_cake", "mass") == "0/yr *"
        await pilot.press("escape")  # unsaved: asks first (its worker waits for the answer: no settling)
        await pilot.pause()
        assert isinstance(console.screen, ConfirmModal)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert isinstance(console.screen, EntitlementsScreen)
