"""A client's perk balance: what they can still use this period, per perk.

Type (or paste) a client id and Enter: the plugin's balance route answers with the quota in
force per perk, what was used in its window and what is left, where the rule is set, and
whether a downgrade's grace period or a pro-rata upgrade shapes the quota.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from console.sdk import PluginScreen, call_api
from core.sdk import china_time
from plugins.vip_benefits.schemas import BalanceOut, PerkBalance
from plugins.vip_benefits.screens.entitlements import PERIODS

COLUMNS = ("Perk", "Left", "Used", "Quota", "Per", "Renews", "+Comp", "Set at", "Basis")


def number(value: int) -> Text:
    return Text(f"{value:,}", justify="right")


def renews(perk: PerkBalance) -> str:
    """When the window starts afresh (a rolling window frees each use a year after it)."""
    return "rolling" if perk.period == "rolling_12_months" else china_time(perk.window_end)[:10]


class BalanceScreen(PluginScreen):
    TITLE = "客户礼遇余额 Client balance"
    DEFAULT_CSS = """
    #balance-lookup { height: 1; margin: 1 1 0 1; }
    #balance-lookup Input { width: 1fr; }
    #balance-summary { height: auto; padding: 0 1; color: $text-muted; }
    """
    HELP = (
        "What a client can still use: type a client id (cl_…) and press Enter. Per perk usable today: what is "
        "left, what was used in the current window and the quota in force, the period and when the window "
        "starts afresh, companions allowed, the unit whose rule applies, and the basis (tier; grace after a downgrade; "
        "pro rata after an upgrade this period)."
    )

    def body(self) -> ComposeResult:
        with Horizontal(id="balance-lookup"):
            yield Label("Client ", classes="form-label")
            yield Input(placeholder="cl_… then Enter", id="client-id", compact=True)
        yield Static("", id="balance-summary")
        yield DataTable(id="balance", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.sub_title = f"clients of {self.unit}'s subtree"
        self.query_one("#balance", DataTable).add_columns(*COLUMNS)
        self.query_one("#client-id", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.show(event.value.strip())

    @work(exclusive=True)
    async def show(self, client: str) -> None:
        table = self.query_one("#balance", DataTable)
        found = await call_api(
            self, self.api.get(f"/plugins/vip_benefits/clients/{client}/balance", BalanceOut), busy=table
        )
        if found is None:
            return
        grace = f" · keeps {found.grace.from_tier}'s perks until {china_time(found.grace.until)}" if found.grace else ""
        self.query_one("#balance-summary", Static).update(
            f"{found.client} · tier {found.tier or '—'} · {found.unit} · as of {china_time(found.as_of)}{grace}"
        )
        table.clear()
        for p in found.perks:
            table.add_row(
                p.name,
                number(p.left),
                number(p.used),
                number(p.quota),
                PERIODS[p.period],
                renews(p),
                number(p.companions),
                p.set_at,
                p.basis,
                key=p.perk,
            )
        if not found.perks:
            self.notify(f"{found.client} has no perk to use at {found.unit}", severity="warning")
