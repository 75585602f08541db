"""The perk catalogue: every perk with its provider, fulfilment, active window, cost and
cancellation window; add, edit and retire perks.

The catalogue is the network's (head office keeps it), read and written through the plugin's
routes with ``unit=`` the unit worked on, so the enablement guard admits the call there. The
form checks locally what it can (:mod:`.checks`) and puts the API's field errors under the
fields they name; a change to a perk needs the reason the audit log keeps (adding one is
audited too, and the API takes no reason for it).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from console.sdk import (
    ApiClient,
    FormField,
    FormModal,
    PagedTable,
    Parsed,
    PluginScreen,
    Row,
    local_problem,
    reason_field,
    required,
)
from core.sdk import china_date
from plugins.vip_benefits.schemas import PerkOut, PerkPage
from plugins.vip_benefits.screens.checks import Code, parse_cost, parse_date, whole

PATH = "/plugins/vip_benefits/perks"
COLUMNS = ("Code", "Name", "Provider", "Fulfilment", "Cost ¥", "Cancel", "Active window")
PROVIDERS = (("bank", "bank"), ("partner merchant", "merchant"))
FULFILMENTS = (("voucher", "voucher"), ("booking", "booking"), ("on the spot", "on_the_spot"))
OPTIONAL = ("merchant_code", "merchant_name", "active_from", "active_until", "unit_cost")


def window(perk: PerkOut) -> str:
    """The active window as a person reads it: ``always``, ``→2027-06-30``, ``2026-06-01→``."""
    if perk.active_from is None and perk.active_until is None:
        return "always"
    return f"{perk.active_from or ''}→{perk.active_until or ''}"


def cost(perk: PerkOut) -> str:
    return "—" if perk.unit_cost is None else f"{perk.unit_cost:,.2f}"


def cells(perk: PerkOut) -> tuple[object, ...]:
    """One row of the table (the window last: at 80 columns it is the one to scroll to, and
    the line under the table says it for the highlighted perk); a perk not usable today is
    dimmed."""
    style = "" if perk.active_today else "dim"
    return (
        Text(perk.code, style=style),
        perk.name,
        perk.provider,
        perk.fulfilment,
        Text(cost(perk), justify="right"),
        Text(f"{perk.cancel_window_hours} h", justify="right"),
        Text(window(perk), style=style),
    )


def detail(perk: PerkOut) -> str:
    """Everything about one perk, in two lines under the table."""
    provider = (
        f"{perk.merchant_name or ''} ({perk.merchant_code})".strip() if perk.provider == "merchant" else "the bank"
    )
    usable = "usable today" if perk.active_today else "not usable today"
    return (
        f"{perk.name} {perk.code} · by {provider} · ¥{cost(perk)}\n"
        f"active {window(perk)}, {usable} · cancel within {perk.cancel_window_hours} h"
        + (f" · {perk.description}" if perk.description else "")
    )


def as_text(perk: PerkOut | None) -> dict[str, str]:
    """A perk's fields as the form shows them (blank where a new perk has nothing yet)."""
    if perk is None:
        return {"provider": "bank", "fulfilment": "voucher", "cancel_window_hours": "24"}
    return {
        field: "" if (value := getattr(perk, field)) is None else str(value)
        for field in ("code", "name", "description", "provider", "fulfilment", "cancel_window_hours", *OPTIONAL)
    }


class PerkForm(FormModal[PerkOut]):
    """Add a perk (``perk`` None) or change one; closes once the API has saved it."""

    def __init__(self, api: ApiClient, unit: str, perk: PerkOut | None) -> None:
        self.api = api
        self.unit = unit
        self.perk = perk
        text = as_text(perk)
        fields = [
            FormField(
                "Name", "name", value=text.get("name", ""), validators=[required("a name")], placeholder="机场贵宾厅"
            ),
            FormField("About", "description", value=text.get("description", "")),
            FormField("Provider", "provider", value=text["provider"], choices=PROVIDERS),
            FormField(
                "Merchant",
                "merchant_code",
                value=text.get("merchant_code", ""),
                validators=[Code(optional=True)],
                placeholder="merchant code (partner merchants only)",
            ),
            FormField("Merch. name", "merchant_name", value=text.get("merchant_name", "")),
            FormField("Fulfilment", "fulfilment", value=text["fulfilment"], choices=FULFILMENTS),
            FormField(
                "From",
                "active_from",
                value=text.get("active_from", ""),
                validators=[Parsed(parse_date)],
                placeholder="YYYY-MM-DD (blank: already)",
            ),
            FormField(
                "Until",
                "active_until",
                value=text.get("active_until", ""),
                validators=[Parsed(parse_date)],
                placeholder="YYYY-MM-DD (blank: no end)",
            ),
            FormField(
                "Cost ¥",
                "unit_cost",
                value=text.get("unit_cost", ""),
                validators=[Parsed(parse_cost)],
                placeholder="180.00 per redemption (blank: none)",
            ),
            FormField("Cancel (h)", "cancel_window_hours", value=text["cancel_window_hours"], validators=[whole(8760)]),
        ]
        if perk is None:
            fields.insert(0, FormField("Code", "code", validators=[Code()], placeholder="airport_lounge"))
        else:
            fields.append(reason_field())
        super().__init__("Add a perk" if perk is None else f"Change {perk.code} {perk.name}", fields, self.save)

    async def save(self, values: dict[str, str]) -> PerkOut:
        body = self.body(values)
        if self.perk is None:
            return await self.api.post(PATH, PerkOut, body, unit=self.unit)
        before = as_text(self.perk)
        changes = {k: v for k, v in body.items() if k != "code" and values[k] != before.get(k, "")}
        return await self.api.patch(
            f"{PATH}/{self.perk.code}", PerkOut, {**changes, "reason": values["reason"]}, unit=self.unit
        )

    @staticmethod
    def body(values: dict[str, str]) -> dict[str, Any]:
        """The form as the API's body; the rules that tie fields together are checked here
        and reported at the field the API would name."""
        merchant = values["provider"] == "merchant"
        start, end = parse_date(values["active_from"]), parse_date(values["active_until"])
        problems = []
        if merchant and not values["merchant_code"]:
            problems.append(("merchant_code", "a perk provided by a partner merchant names the merchant's code"))
        if not merchant and (values["merchant_code"] or values["merchant_name"]):
            problems.append(("merchant_code", "only for perks provided by a partner merchant"))
        if start and end and end < start:
            problems.append(("active_until", "must not be before active_from"))
        if problems:
            raise local_problem(problems)
        cost = parse_cost(values["unit_cost"])
        body: dict[str, Any] = {
            "name": values["name"],
            "description": values["description"],
            "provider": values["provider"],
            "merchant_code": values["merchant_code"] or None,
            "merchant_name": values["merchant_name"] or None,
            "fulfilment": values["fulfilment"],
            "active_from": start,
            "active_until": end,
            "unit_cost": None if cost is None else str(cost),
            "cancel_window_hours": int(values["cancel_window_hours"]),
        }
        if "code" in values:
            body["code"] = values["code"]
        return body


class CatalogueScreen(PluginScreen):
    TITLE = "礼遇目录 Perk catalogue"
    DEFAULT_CSS = """
    #perk-detail { height: 2; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("r", "retire", "Retire"),
    ]
    HELP = (
        "The network's perks: code, name, provider (the bank or a partner merchant's code), how each is "
        "fulfilled, the cost of one redemption, how long after redeeming it can be cancelled, and the dates "
        "it can be used (dimmed: not today). a adds a perk, e (or Enter) changes the highlighted one, r retires "
        "it after a last day you give; changes ask for the reason the audit log keeps. n fetches more rows."
    )

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__(api, unit)
        self.perks: dict[str, PerkOut] = {}

    def body(self) -> ComposeResult:
        yield PagedTable(COLUMNS, self.fetch, id="perks")
        yield Static("", id="perk-detail")

    def on_mount(self) -> None:
        self.sub_title = f"network-wide, seen from {self.unit}"
        self.query_one("#perks").border_title = "Perks"

    async def fetch(self, cursor: str | None) -> tuple[list[Row], str | None]:
        page = await self.api.get(PATH, PerkPage, unit=self.unit, cursor=cursor)
        self.perks.update((p.code, p) for p in page.items)
        return [(p.code, cells(p)) for p in page.items], page.next_cursor

    def selected(self) -> PerkOut | None:
        table = self.query_one("#perks", PagedTable)
        if not table.row_count:
            return None
        return self.perks.get(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.selected() is not None if action in ("edit", "retire") else True

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()
        perk = self.selected()
        self.query_one("#perk-detail", Static).update("" if perk is None else detail(perk))

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self.app.push_screen(PerkForm(self.api, self.unit, None), self.saved)

    def action_edit(self) -> None:
        if (perk := self.selected()) is not None:
            self.app.push_screen(PerkForm(self.api, self.unit, perk), self.saved)

    def action_retire(self) -> None:
        if (perk := self.selected()) is None:
            return
        today = china_date(self.console.clock.now())
        last = FormField(
            "Last day",
            "active_until",
            value=str(min(perk.active_until or today, today)),
            validators=[Parsed(parse_date), required("the last day")],
        )

        async def retire(values: dict[str, str]) -> PerkOut:
            return await self.api.patch(
                f"{PATH}/{perk.code}",
                PerkOut,
                {"active_until": values["active_until"], "reason": values["reason"]},
                unit=self.unit,
            )

        self.app.push_screen(
            FormModal(
                f"Retire {perk.code} {perk.name}",
                [last, reason_field()],
                retire,
                note="It stays in the catalogue and its history; it cannot be redeemed after "
                "its last day (redemptions already made keep counting).",
            ),
            self.saved,
        )

    def saved(self, perk: PerkOut | None) -> None:
        if perk is not None:
            self.notify(f"{perk.code} {perk.name} saved")
            self.query_one("#perks", PagedTable).restart()
