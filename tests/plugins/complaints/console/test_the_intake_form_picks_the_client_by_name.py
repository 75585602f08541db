"""Nobody types a client id: the intake form's client field opens a search over the API's
client list, part of a name finds the client (shown with their phone as the API sends it and
their unit), Enter picks, and the complaint is taken in for that client."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList

from console.screens.modals import FormModal
from console.screens.pickers import SearchPicker
from core.api.schemas.clients import ClientOut
from plugins.complaints.schemas import OrderPage
from plugins.complaints.screens import QueueScreen
from tests.console.support import paste, settle
from tests.plugins.complaints.console.test_a_complaint_is_taken_in_acknowledged_investigated_and_resolved_in_the_console import (
    field,
    fill,
    submit,
)


def options(picker: SearchPicker) -> list[str]:
    """What the picker lists, as plain text."""
    listed = picker.query_one(OptionList)
    return [Text.from_markup("").join([listed.get_option_at_index(i).prompt]).plain for i in range(listed.option_count)]


async def test_a_client_found_by_part_of_the_name_is_the_complainant(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await console.api.switch_plugin("HO", "complaints", True, "全行投诉管理上线")
        body = {"kind": "retail", "unit": "OUT1", "reason": "开户", "state": "active", "phone": "13812345678"}
        wanted = await console.api.post("/clients", ClientOut, body | {"name": "欧阳小明"})
        await console.api.post("/clients", ClientOut, body | {"name": "欧阳大华"})
        await console.choose("OUT1")
        await settle(pilot)
        console.open_plugin_screen(console.plugin_screens()[0])
        await settle(pilot)
        assert isinstance(console.screen, QueueScreen)

        await pilot.press("i")
        await settle(pilot)
        intake = console.screen
        assert isinstance(intake, FormModal)
        field(intake, "client").focus()
        await pilot.press("enter")
        await settle(pilot)
        picker = console.screen
        assert isinstance(picker, SearchPicker)
        await paste(pilot, "小明")
        await settle(pilot)
        assert options(picker) == [f"欧阳小明  {wanted.phone} · {wanted.unit.name}"]
        await pilot.press("enter")
        await settle(pilot)
        assert console.screen is intake and field(intake, "client").value == wanted.id
        assert "欧阳小明" in str(field(intake, "client").label)

        await fill(pilot, "content", "理财产品风险未充分揭示")
        await submit(pilot)
        assert isinstance(console.screen, QueueScreen)
        orders = await console.api.get("/plugins/complaints/units/OUT1/complaints", OrderPage)
        assert [o.client for o in orders.items] == [wanted.id]
