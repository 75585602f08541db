"""Plugin screens follow enablement: the sample plugin, switched on at a branch, offers its
screen and dashboard panel at every unit below; switched off at one sub-branch (in the
organisation screen, with a reason) it disappears there and nowhere else."""

from __future__ import annotations

from acme_lounge.screens import VisitsPanel, VisitsScreen
from textual.widgets import DataTable, Tree

from console.screens.organisation import OrganisationScreen
from console.screens.pickers import ChoiceModal
from tests.console.conftest import highlight, paste, settle

LOUNGE = "acme_lounge"


async def test_a_plugin_switched_off_at_a_sub_branch_loses_its_screens_there(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await console.api.switch_plugin("BR1", LOUNGE, True, "北京分行开通贵宾厅")
        await console.choose("SB1")
        await settle(pilot)
        assert console.enabled_here >= {LOUNGE}
        assert [s.key for s in console.plugin_screens()] == [f"{LOUNGE}.visits"]
        assert len(console.screen.query(VisitsPanel)) == 1
        await console.choose("HO")

        await pilot.press("o")
        await settle(pilot)
        assert isinstance(console.screen, OrganisationScreen)
        tree = console.screen.query_one(Tree)
        tree.focus()
        await pilot.press("down", "enter")  # 北京分行 BR1: chosen and opened
        await settle(pilot)
        await pilot.press("down", "enter")  # 朝阳支行 SB1
        await settle(pilot)
        assert console.unit is not None and console.unit.code == "SB1"
        plugins = console.screen.query_one("#plugins", DataTable)
        highlight(plugins, LOUNGE)
        assert plugins.get_row(LOUNGE)[1:] == ["开启", "继承自 BR1"]
        await pilot.press("minus")
        await settle(pilot)
        await paste(pilot, "朝阳支行暂停贵宾厅服务")
        await pilot.press("enter")
        await settle(pilot)
        assert plugins.get_row(LOUNGE)[1:] == ["关闭", "本机构设置"]
        assert LOUNGE not in console.enabled_here and console.plugin_screens() == []

        await pilot.press("p")
        await settle(pilot)
        assert "朝阳支行 SB1 没有开启带页面的插件" in [n.message for n in console._notifications]
        await pilot.press("d")
        await settle(pilot)
        assert len(console.screen.query(VisitsPanel)) == 0

        await console.choose("SB2")  # its sister sub-branch still inherits the branch's switch
        await settle(pilot)
        assert len(console.screen.query(VisitsPanel)) == 1
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(console.screen, ChoiceModal)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(console.screen, VisitsScreen) and console.screen.unit == "SB2"
