"""The complaints queue opens with the focus on its table, so Enter pressed at once (no Tab
first) opens the order the cursor is on, and the order's numbered steps act on that order."""

from __future__ import annotations

from textual.widgets import DataTable

from console.screens.modals import FormModal
from plugins.complaints.screens import OrderScreen, QueueScreen
from tests.console.support import settle
from tests.plugins.complaints.console.conftest import open_queue_with_two_orders


async def test_enter_opens_the_highlighted_order_and_1_acknowledges_it(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 30)) as pilot:
        first, second = await open_queue_with_two_orders(console, pilot)
        queue = console.screen
        assert isinstance(queue, QueueScreen)
        table = queue.query_one("#orders", DataTable)
        assert console.focused is table
        assert [str(k.value) for k in table.rows] == [first.summary.id, second.summary.id]

        await pilot.press("down", "enter")
        await settle(pilot)
        view = console.screen
        assert isinstance(view, OrderScreen) and view.order_id == second.summary.id
        await pilot.press("1")
        await settle(pilot)
        note = console.screen
        assert isinstance(note, FormModal) and note.heading == "登记首次联系"
        await pilot.click("#ok")
        await settle(pilot)
        assert console.screen is view and view.order is not None and view.order.summary.state == "acknowledged"
