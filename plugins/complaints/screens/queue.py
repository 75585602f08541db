"""The complaints queue: the work orders of the unit worked on and its subtree, one page per
call, each with its countdowns to the first contact and to the decision and the unit handling
it; filters by state, category and overdue only; intake; Enter opens an order."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from console.sdk import ApiClient, ChoiceModal, PagedTable, PluginScreen, Row, call_api
from plugins.complaints.lifecycle import STATES, State
from plugins.complaints.schemas import DEFAULT_CATEGORIES, OrderOut, OrderSummary
from plugins.complaints.screens.calls import ComplaintsApi
from plugins.complaints.screens.forms import IntakeForm
from plugins.complaints.screens.order import OrderScreen
from plugins.complaints.screens.show import (
    SEVERITIES,
    category,
    countdown,
    handling,
    short_id,
    state,
)

COLUMNS = ("Order", "Unit", "Sev", "Contact", "Decision", "Handling", "State", "Category")
"""Most urgent first: at 80 columns the category is the one that scrolls into view."""
ANY = ""


def row(order: OrderSummary) -> Row:
    return order.id, (
        short_id(order.id),
        order.unit,
        SEVERITIES[order.severity],
        countdown(order.first_contact),
        countdown(order.decision),
        handling(order),
        state(order.state),
        category(order.category),
    )


class QueueScreen(PluginScreen):
    TITLE = "投诉工单"
    AUTO_FOCUS = "#orders"
    BINDINGS = [
        Binding("f", "pick_state", "State"),
        Binding("k", "pick_category", "Category"),
        Binding("v", "overdue", "Overdue only"),
        Binding("i", "take_in", "Take in"),
        Binding("r", "reload", "Reload"),
    ]
    HELP = (
        "Complaint work orders of the unit you work on and its subtree, oldest first: severity, the time "
        "left to the first contact and to the decision (red once overdue, amber within a day, blue while the clock stands "
        "still waiting for the client, ✓ once met), the unit handling the order (↑n: n levels above the unit "
        "complained about, by escalation or because the complaint is serious). f filters by state, k by "
        "category, v shows only orders past a deadline; i takes a complaint in (privacy complaints and "
        "regulator referrals go straight to head office); Enter opens an order; n fetches more."
    )

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__(api, unit)
        self.complaints = ComplaintsApi(api, unit)
        self.state_filter: State | None = None
        self.category_filter: str | None = None
        self.overdue_only = False
        self.categories = list(DEFAULT_CATEGORIES)

    def body(self) -> ComposeResult:
        yield PagedTable(COLUMNS, self.fetch, id="orders")

    def on_mount(self) -> None:
        self.sub_title = self.unit
        self.show_filters()
        self.load_categories()

    @work(exclusive=True, group="categories")
    async def load_categories(self) -> None:
        if (found := await call_api(self, self.complaints.categories())) is not None:
            self.categories = found

    async def fetch(self, cursor: str | None) -> tuple[list[Row], str | None]:
        page = await self.complaints.queue(
            cursor, state=self.state_filter, category=self.category_filter, overdue=self.overdue_only
        )
        return [row(order) for order in page.items], page.next_cursor

    def show_filters(self) -> None:
        shown = [
            f"state {self.state_filter}" if self.state_filter else "",
            category(self.category_filter) if self.category_filter else "",
            "overdue only" if self.overdue_only else "",
        ]
        self.query_one("#orders").border_title = " · ".join([f"Complaints of {self.unit}", *filter(None, shown)])

    def action_reload(self) -> None:
        self.show_filters()
        self.query_one("#orders", PagedTable).restart()

    def action_pick_state(self) -> None:
        choices = [("any state", ANY), *((s, s) for s in STATES)]
        self.app.push_screen(ChoiceModal("Show orders in which state?", choices), self.filter_state)

    def filter_state(self, picked: str | None) -> None:
        if picked is not None:
            self.state_filter = picked or None  # type: ignore[assignment]
            self.action_reload()

    def action_pick_category(self) -> None:
        choices = [("any category", ANY), *((f"{category(c)} {c}", c) for c in self.categories)]
        self.app.push_screen(ChoiceModal("Show orders of which category?", choices), self.filter_category)

    def filter_category(self, picked: str | None) -> None:
        if picked is not None:
            self.category_filter = picked or None
            self.action_reload()

    def action_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.action_reload()

    def action_take_in(self) -> None:
        self.app.push_screen(IntakeForm(self.api, self.unit, self.categories, self.complaints.take_in), self.taken_in)

    def taken_in(self, order: OrderOut | None) -> None:
        if order is not None:
            self.notify(
                f"{order.summary.id} taken in at {order.summary.unit}, handled at {order.summary.handling_unit}",
                title="Complaint registered",
            )
            self.action_reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(OrderScreen(self.api, self.unit, event.row_key.value, on_change=self.action_reload))
