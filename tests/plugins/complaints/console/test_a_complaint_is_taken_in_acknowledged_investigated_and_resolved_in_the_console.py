"""A complaint's first days, all at the console: taken in with the intake form, opened from
the queue, then acknowledged, investigated and resolved (justified, with an apology and
compensation), each step a dialog that submits to the API; the order view shows the new
state, the met deadline and every step with who did it, and the queue follows."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, TextArea

from console.screens.modals import FormModal
from plugins.complaints.screens import OrderScreen, QueueScreen
from tests.console.support import paste, settle


def field(dialog: FormModal[object], name: str) -> Input | Select[str] | TextArea:
    return next(f.input for f in dialog.fields if f.field_name == name)


async def fill(pilot: Pilot[object], name: str, text: str) -> None:
    """Type ``text`` into the open dialog's field ``name`` (pasted, as a terminal would)."""
    field(pilot.app.screen, name).focus()  # type: ignore[arg-type]
    await pilot.pause()
    await paste(pilot, text)


async def submit(pilot: Pilot[object], note: str = "") -> None:
    """Fill the open dialog's note (if asked) and press OK."""
    if note:
        await fill(pilot, "note", note)
    await pilot.click("#ok")
    await settle(pilot)


async def test_a_complaint_goes_from_intake_to_resolved_through_the_console(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await console.api.switch_plugin("HO", "complaints", True, "全行投诉管理上线")
        await console.choose("OUT1")
        await settle(pilot)
        console.open_plugin_screen(console.plugin_screens()[0])
        await settle(pilot)
        assert isinstance(console.screen, QueueScreen)

        await pilot.press("a")
        await settle(pilot)
        intake = console.screen
        assert isinstance(intake, FormModal) and field(intake, "unit").value == "OUT1"
        field(intake, "category").value = "fees"
        await fill(pilot, "contact.name", "李先生")
        await fill(pilot, "contact.phone", "13911112222")
        await fill(pilot, "content", "账户管理费未经告知即被扣收")
        await submit(pilot)
        queue = console.screen
        assert isinstance(queue, QueueScreen)
        table = queue.query_one("#orders", DataTable)
        assert table.row_count == 1
        order_id = str(next(iter(table.rows)).value)

        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        view = console.screen
        assert isinstance(view, OrderScreen) and view.order is not None and view.order.summary.id == order_id
        assert view.order.summary.complainant.phone == "13911112222"  # an admin sees it whole

        await pilot.press("1")
        await settle(pilot)
        await submit(pilot, "已电话联系客户")
        assert view.order.summary.state == "acknowledged"
        assert [d.status for d in view.order.deadlines] == ["met", "pending"]
        await pilot.press("2")
        await settle(pilot)
        await submit(pilot)
        assert view.order.summary.state == "investigating"

        await pilot.press("5")
        await settle(pilot)
        resolve = console.screen
        assert isinstance(resolve, FormModal)
        await fill(pilot, "resolution", "核实属实，退还管理费并致歉")
        field(resolve, "compensation").value = "120.50"
        await submit(pilot)
        order = view.order
        assert (order.summary.state, order.justified, order.apology_given, str(order.compensation)) == (
            "resolved",
            True,
            True,
            "120.50",
        )
        assert [(s.action, s.actor.split(":")[0]) for s in order.steps] == [
            ("intake", "staff"),
            ("acknowledge", "staff"),
            ("investigate", "staff"),
            ("resolve", "staff"),
        ]
        keys = {b.binding.key for b in view.active_bindings.values() if b.binding.show}
        assert "6" in keys and not {"1", "2", "5"} & keys

        await pilot.press("escape")
        await settle(pilot)
        assert console.screen is queue and str(table.get_row(order_id)[6]) == "待答复"
