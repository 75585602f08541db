"""What goes wrong is said where it is wrong, and nothing is lost: a compensation with three
decimals is refused at its field before anything is sent; a phone the API refuses is shown
under the phone field; a step another person made meanwhile makes the API answer 409, shown
as a notice; after each, the dialog or the order view stays usable and a reload shows the truth."""

from __future__ import annotations

from decimal import Decimal

from textual.pilot import Pilot
from textual.widgets import Input

from console.screens.modals import FormModal
from plugins.complaints.schemas import ResolveIn
from plugins.complaints.screens import OrderScreen
from plugins.complaints.screens.queue import QueueScreen
from tests.console.support import paste, settle
from tests.plugins.complaints.console.conftest import act, file


def error_at(dialog: FormModal[object], name: str) -> str:
    found = next(f for f in dialog.fields if f.field_name == name)
    return str(found.query_one(".form-error").content) if found.has_class("-invalid") else ""


async def fill(pilot: Pilot[object], dialog: FormModal[object], name: str, text: str) -> None:
    widget = next(f.input for f in dialog.fields if f.field_name == name)
    if isinstance(widget, Input):
        widget.value = ""
    widget.focus()
    await pilot.pause()
    await paste(pilot, text)


async def test_local_and_api_errors_leave_the_console_usable(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await console.api.switch_plugin("HO", "complaints", True, "全行投诉管理上线")
        order = (await file(console.api, "OUT1")).summary.id
        for step in ("acknowledge", "investigate"):
            await act(console.api, "OUT1", order, step)
        await console.choose("OUT1")
        await settle(pilot)
        console.open_plugin_screen(console.plugin_screens()[0])
        await settle(pilot)
        queue = console.screen
        assert isinstance(queue, QueueScreen)

        await pilot.press("a")  # intake: the API refuses the phone, at the phone field
        await settle(pilot)
        intake = console.screen
        assert isinstance(intake, FormModal)
        await fill(pilot, intake, "contact.phone", "call me")
        await fill(pilot, intake, "content", "柜员态度冷淡")
        await pilot.click("#ok")
        await settle(pilot)
        assert console.screen is intake and "须符合格式" in error_at(intake, "contact.phone")
        await pilot.press("escape")
        await settle(pilot)

        queue.query_one("#orders").focus()
        await pilot.press("enter")
        await settle(pilot)
        view = console.screen
        assert isinstance(view, OrderScreen) and view.order is not None
        await pilot.press("5")
        await settle(pilot)
        resolve = console.screen
        assert isinstance(resolve, FormModal)
        await fill(pilot, resolve, "resolution", "致歉")
        await fill(pilot, resolve, "compensation", "12.345")
        assert error_at(resolve, "compensation").startswith("须在 ¥0 至 ¥10,000,000.00 之间，最多两位小数")
        await pilot.click("#ok")
        await settle(pilot)
        assert (
            console.screen is resolve
            and (
                await console.api.get(f"/plugins/complaints/units/OUT1/complaints/{order}", type(view.order))
            ).summary.state
            == "investigating"
        )

        # someone else resolves the order meanwhile: this console's step comes too late
        await act(
            console.api,
            "OUT1",
            order,
            "resolve",
            ResolveIn(resolution="已处理", justified=False, apology_given=False, compensation=Decimal(0)),
        )
        await fill(pilot, resolve, "compensation", "12.34")
        await pilot.click("#ok")
        await settle(pilot)
        notices = [n.message for n in console._notifications]
        assert console.screen is resolve and any("resolved" in n and "reply" in n for n in notices), notices
        await pilot.press("escape")
        await settle(pilot)
        assert console.screen is view
        await pilot.press("r")
        await settle(pilot)
        assert view.order.summary.state == "resolved"
        keys = {b.binding.key for b in view.active_bindings.values() if b.binding.show}
        assert "6" in keys and "5" not in keys
