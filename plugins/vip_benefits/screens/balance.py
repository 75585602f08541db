"""A client's perk balance: what they can still use this period, per perk.

The client is picked by name (a search over the API's client list, never a typed ``cl_…``
id): the plugin's balance route answers with the quota in force per perk, what was used in
its window and what is left, where the rule is set, and whether a downgrade's grace period
or a pro-rata upgrade shapes the quota.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from console.sdk import ApiClient, Choice, PickField, call_api, client_search
from core.sdk import china_day, china_time, named
from plugins.vip_benefits.i18n import N_, _, lazy_gettext
from plugins.vip_benefits.schemas import BalanceOut, PerkBalance
from plugins.vip_benefits.screens.page import PerksScreen
from plugins.vip_benefits.terms import BASES, PERIODS

COLUMNS = (
    lazy_gettext("Perk"),
    lazy_gettext("Left"),
    lazy_gettext("Used"),
    lazy_gettext("Quota"),
    lazy_gettext("Period"),
    lazy_gettext("Renews"),
    lazy_gettext("+Comp."),
    lazy_gettext("Set at"),
    lazy_gettext("Basis"),
)


def number(value: int) -> Text:
    return Text(f"{value:,}", justify="right")


def renews(perk: PerkBalance) -> str:
    """When the window starts afresh (a rolling window frees each use a year after it)."""
    return _("rolling") if perk.period == "rolling_12_months" else china_day(perk.window_end)


def summary(client: Choice, found: BalanceOut) -> str:
    """The line above the table: who, their tier and unit, as of when, and any grace period."""
    line = _("{client} · tier {tier} · {unit} · as of {time}").format(
        client=client.name, tier=found.tier or "—", unit=found.unit, time=china_time(found.as_of)
    )
    if found.grace:
        line += " · " + _("keeps the {tier} perks until {time}").format(
            tier=found.grace.from_tier, time=china_time(found.grace.until)
        )
    return line


class BalanceScreen(PerksScreen):
    TITLE = N_("Client balance")
    AUTO_FOCUS = "#balance-client Button"
    DEFAULT_CSS = """
    #balance-client { height: auto; margin: 1 1 0 1; }
    #balance-summary { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [Binding("slash", "pick_client", N_("Choose the client"))]
    HELP = N_(
        "What a client can still use: choose the client by name (Enter on the client field, or /, and type part "
        "of a name or a phone number). Per perk usable today: what is left, what was used in the current window "
        "and the quota in force, the period and when the window starts afresh, companions allowed, the unit "
        "whose rule applies, and the basis (tier; grace after a downgrade; pro rata after an upgrade this period)."
    )

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__(api, unit)
        self.client = PickField(
            _("Client"),
            "client",
            client_search(api, unit),
            title=_("Which client?"),
            prompt=_("choose the client by name…"),
        )
        self.client.id = "balance-client"

    def body(self) -> ComposeResult:
        yield self.client
        yield Static(_("Choose a client to see what they can still use."), id="balance-summary")
        yield DataTable(id="balance", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.sub_title = _("clients of {unit}'s subtree").format(unit=self.unit)
        self.query_one("#balance", DataTable).add_columns(*(str(c) for c in COLUMNS))

    def action_pick_client(self) -> None:
        """Open the client search, wherever the focus is."""
        self.client.button.press()

    def on_pick_field_picked(self, event: PickField.Picked) -> None:
        self.show(event.choice)

    @work(exclusive=True)
    async def show(self, client: Choice) -> None:
        table = self.query_one("#balance", DataTable)
        found = await call_api(
            self, self.api.get(f"/plugins/vip_benefits/clients/{client.value}/balance", BalanceOut), busy=table
        )
        if found is None:
            return
        self.query_one("#balance-summary", Static).update(summary(client, found))
        table.clear()
        for p in found.perks:
            table.add_row(
                p.name,
                number(p.left),
                number(p.used),
                number(p.quota),
                named(PERIODS, p.period),
                renews(p),
                number(p.companions),
                p.set_at,
                named(BASES, p.basis),
                key=p.perk,
            )
        table.focus()
        if not found.perks:
            self.notify(
                _("{client} has no perk to use at {unit}").format(client=client.name, unit=found.unit),
                severity="warning",
            )
