"""The complaints queue: the work orders of the unit worked on and its subtree, one page per
call, each with its countdowns to the first contact and to the decision and the unit handling
it; filters by state, category and overdue only; intake; Enter opens an order."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from console.sdk import ApiClient, ChoiceModal, PagedTable, Row, call_api
from plugins.complaints.i18n import N_, _, lazy_gettext
from plugins.complaints.lifecycle import STATES, State
from plugins.complaints.schemas import DEFAULT_CATEGORIES, OrderOut, OrderSummary
from plugins.complaints.screens.calls import ComplaintsApi
from plugins.complaints.screens.forms import IntakeForm
from plugins.complaints.screens.order import OrderScreen
from plugins.complaints.screens.page import ComplaintsScreen
from plugins.complaints.screens.show import (
    category,
    countdown,
    handling,
    severity,
    short_id,
    short_state,
    state,
)

COLUMNS = (
    lazy_gettext("Order"),
    lazy_gettext("Unit"),
    lazy_gettext("Sev."),
    lazy_gettext("Contact"),
    lazy_gettext("Decision"),
    lazy_gettext("Handling"),
    lazy_gettext("State"),
    lazy_gettext("Category"),
)
"""Most urgent first: at 80 columns the category is the one that scrolls into view."""
ANY = ""


def row(order: OrderSummary) -> Row:
    return order.id, (
        short_id(order.id),
        order.unit,
        severity(order.severity),
        countdown(order.first_contact),
        countdown(order.decision),
        handling(order),
        short_state(order.state),
        category(order.category),
    )


class QueueScreen(ComplaintsScreen):
    TITLE = N_("Complaint work orders")
    AUTO_FOCUS = "#orders"
    EXPORT_PATH = "/plugins/complaints/units/{unit}/complaints"
    BINDINGS = [
        Binding("a", "add", N_("Take in")),
        Binding("t", "pick_state", N_("By state")),
        Binding("k", "pick_category", N_("By category")),
        Binding("g", "overdue", N_("Overdue only")),
        Binding("r", "reload", N_("Reload")),
    ]
    HELP = N_(
        "Complaint work orders of the unit you work on and its subtree, oldest first: severity, the time "
        "left to the first contact and to the decision (red once overdue, amber within a day, blue while the "
        "clock stands still waiting for the client, ✓ once met), the unit handling the order (↑n: n levels "
        "above the unit complained about, by escalation or because the complaint is serious). a takes a "
        "complaint in (privacy complaints and regulator referrals go straight to head office); t filters by "
        "state, k by category, g shows only orders past a deadline (again: all); Enter opens the highlighted "
        "order; r reloads."
    )

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__(api, unit)
        self.complaints = ComplaintsApi(api, unit)
        self.state_filter: State | None = None
        self.category_filter: str | None = None
        self.overdue_only = False
        self.categories = list(DEFAULT_CATEGORIES)

    def body(self) -> ComposeResult:
        yield PagedTable([str(c) for c in COLUMNS], self.fetch, id="orders")

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

    def export_params(self) -> dict[str, Any]:
        """The export holds what the queue shows: its filters with the unit."""
        overdue = "true" if self.overdue_only else None
        return super().export_params() | {
            "state": self.state_filter,
            "category": self.category_filter,
            "overdue": overdue,
        }

    def show_filters(self) -> None:
        shown = [
            state(self.state_filter) if self.state_filter else "",
            category(self.category_filter) if self.category_filter else "",
            _("overdue only") if self.overdue_only else "",
        ]
        title = _("Complaints of {unit}").format(unit=self.unit)
        self.query_one("#orders").border_title = " · ".join([title, *filter(None, shown)])

    def action_reload(self) -> None:
        self.show_filters()
        self.query_one("#orders", PagedTable).restart()

    def action_pick_state(self) -> None:
        choices = [(_("any state"), ANY), *((state(s), s) for s in STATES)]
        self.app.push_screen(ChoiceModal(_("Show orders in which state?"), choices), self.filter_state)

    def filter_state(self, picked: str | None) -> None:
        if picked is not None:
            self.state_filter = picked or None  # type: ignore[assignment]
            self.action_reload()

    def action_pick_category(self) -> None:
        choices = [(_("any category"), ANY), *((category(c), c) for c in self.categories)]
        self.app.push_screen(ChoiceModal(_("Show orders of which category?"), choices), self.filter_category)

    def filter_category(self, picked: str | None) -> None:
        if picked is not None:
            self.category_filter = picked or None
            self.action_reload()

    def action_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.action_reload()

    def action_add(self) -> None:
        self.app.push_screen(IntakeForm(self.api, self.unit, self.categories, self.complaints.take_in), self.taken_in)

    def taken_in(self, order: OrderOut | None) -> None:
        if order is not None:
            self.notify(
                _("{order} taken in at {unit}, handled at {handling}").format(
                    order=order.summary.id, unit=order.summary.unit, handling=order.summary.handling_unit
                ),
                title=_("Complaint registered"),
            )
            self.action_reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(OrderScreen(self.api, self.unit, event.row_key.value, on_change=self.action_reload))
