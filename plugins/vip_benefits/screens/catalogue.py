"""The perk catalogue: every perk with its provider, fulfilment, active window, cost and
cancellation window; add, edit and retire perks.

The catalogue is the network's (head office keeps it), read and written through the plugin's
routes with ``unit=`` the unit worked on, so the enablement guard admits the call there. The
form checks locally what it can (:mod:`.checks`) and puts the API's field errors under the
fields they name; a change to a perk needs the reason the audit log keeps (adding one is
audited too, and the API takes no reason for it).
"""

from __future__ import annotations

from collections.abc import Mapping
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
    Row,
    local_problem,
    reason_field,
    required,
)
from core.sdk import china_date, china_day, named, yuan
from plugins.vip_benefits.i18n import N_, _, lazy_gettext
from plugins.vip_benefits.schemas import PerkOut, PerkPage
from plugins.vip_benefits.screens.checks import Code, parse_cost, parse_date, whole
from plugins.vip_benefits.screens.page import PerksScreen
from plugins.vip_benefits.terms import FULFILMENTS, PROVIDERS

PATH = "/plugins/vip_benefits/perks"
COLUMNS = (
    lazy_gettext("Code"),
    lazy_gettext("Name"),
    lazy_gettext("Provider"),
    lazy_gettext("Fulfilment"),
    lazy_gettext("Cost"),
    lazy_gettext("Cancel"),
    lazy_gettext("Active"),
)
OPTIONAL = ("merchant_code", "merchant_name", "active_from", "active_until", "unit_cost")


def choices(names: Mapping[str, object]) -> list[tuple[str, str]]:
    """A select's options: the name a person reads, the code the API takes."""
    return [(str(name), code) for code, name in names.items()]


def window(perk: PerkOut) -> str:
    """The active window as a person reads it: always, until a day, from a day, or both."""
    start, end = perk.active_from, perk.active_until
    if start is None and end is None:
        return _("always")
    if start is None:
        return _("until {day}").format(day=china_day(end))  # type: ignore[arg-type]
    if end is None:
        return _("from {day}").format(day=china_day(start))
    return _("{start} to {end}").format(start=china_day(start), end=china_day(end))


def hours(count: int) -> str:
    return _("{hours} h").format(hours=f"{count:,}")


def cells(perk: PerkOut) -> tuple[object, ...]:
    """One row of the table (the window last: at 80 columns it is the one to scroll to, and
    the line under the table says it for the highlighted perk); a perk not usable today is
    dimmed."""
    style = "" if perk.active_today else "dim"
    return (
        Text(perk.code, style=style),
        perk.name,
        named(PROVIDERS, perk.provider),
        named(FULFILMENTS, perk.fulfilment),
        Text(yuan(perk.unit_cost), justify="right"),
        Text(hours(perk.cancel_window_hours), justify="right"),
        Text(window(perk), style=style),
    )


def detail(perk: PerkOut) -> str:
    """Everything about one perk, in two lines under the table."""
    provider = (
        f"{perk.merchant_name or ''} ({perk.merchant_code})".strip() if perk.provider == "merchant" else _("the bank")
    )
    usable = _("usable today") if perk.active_today else _("not usable today")
    first = _("{name} {code} · provided by {provider} · {cost} per redemption").format(
        name=perk.name, code=perk.code, provider=provider, cost=yuan(perk.unit_cost)
    )
    second = _("active {window}, {usable} · can be cancelled within {hours}").format(
        window=window(perk), usable=usable, hours=hours(perk.cancel_window_hours)
    )
    return f"{first}\n{second}" + (f" · {perk.description}" if perk.description else "")


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
                _("Name"),
                "name",
                value=text.get("name", ""),
                validators=[required(_("the name"))],
                placeholder=_("e.g. airport VIP lounge"),
            ),
            FormField(_("About"), "description", value=text.get("description", "")),
            FormField(_("Provider"), "provider", value=text["provider"], choices=choices(PROVIDERS)),
            FormField(
                _("Merchant"),
                "merchant_code",
                value=text.get("merchant_code", ""),
                validators=[Code(optional=True)],
                placeholder=_("merchant code (partner merchants only)"),
            ),
            FormField(_("Merchant name"), "merchant_name", value=text.get("merchant_name", "")),
            FormField(_("Fulfilment"), "fulfilment", value=text["fulfilment"], choices=choices(FULFILMENTS)),
            FormField(
                _("From"),
                "active_from",
                value=text.get("active_from", ""),
                validators=[Parsed(parse_date)],
                placeholder=_("YYYY-MM-DD (blank: from now)"),
            ),
            FormField(
                _("Until"),
                "active_until",
                value=text.get("active_until", ""),
                validators=[Parsed(parse_date)],
                placeholder=_("YYYY-MM-DD (blank: no end)"),
            ),
            FormField(
                _("Cost (¥)"),
                "unit_cost",
                value=text.get("unit_cost", ""),
                validators=[Parsed(parse_cost)],
                placeholder=_("180.00 per redemption (blank: none)"),
            ),
            FormField(
                _("Cancel within (h)"),
                "cancel_window_hours",
                value=text["cancel_window_hours"],
                validators=[whole(8760)],
            ),
        ]
        if perk is None:
            fields.insert(0, FormField(_("Code"), "code", validators=[Code()], placeholder="airport_lounge"))
            title = _("Add a perk")
        else:
            fields.append(reason_field())
            title = _("Change {code} {name}").format(code=perk.code, name=perk.name)
        super().__init__(title, fields, self.save)

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
            problems.append(("merchant_code", _("a perk provided by a partner merchant names the merchant's code")))
        if not merchant and (values["merchant_code"] or values["merchant_name"]):
            problems.append(("merchant_code", _("only for perks provided by a partner merchant")))
        if start and end and end < start:
            problems.append(("active_until", _("must not be before the first day")))
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


class CatalogueScreen(PerksScreen):
    EXPORT_PATH = PATH
    TITLE = N_("Perk catalogue")
    AUTO_FOCUS = "#perks"
    DEFAULT_CSS = """
    #perk-detail { height: 2; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [
        Binding("a", "add", N_("Add")),
        Binding("e", "edit", N_("Edit")),
        Binding("w", "retire", N_("Retire")),
    ]
    HELP = N_(
        "The network's perks: code, name, provider (the bank or a partner merchant), how each is fulfilled, "
        "the cost of one redemption, how long after redeeming it can be cancelled, and the dates it can be "
        "used (dimmed: not today); the line under the table says all of it for the highlighted perk. "
        "a adds a perk, e (or Enter) changes the highlighted one, w retires it after a last day you give; "
        "changes ask for the reason the audit log keeps."
    )

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__(api, unit)
        self.perks: dict[str, PerkOut] = {}

    def body(self) -> ComposeResult:
        yield PagedTable([str(c) for c in COLUMNS], self.fetch, id="perks")
        yield Static("", id="perk-detail")

    def on_mount(self) -> None:
        self.sub_title = _("network-wide, seen from {unit}").format(unit=self.unit)
        self.query_one("#perks").border_title = _("Perks")

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

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()
        perk = self.selected()
        self.query_one("#perk-detail", Static).update("" if perk is None else detail(perk))

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
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
            _("Last day"),
            "active_until",
            value=str(min(perk.active_until or today, today)),
            validators=[Parsed(parse_date), required(_("the last day"))],
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
                _("Retire {code} {name}").format(code=perk.code, name=perk.name),
                [last, reason_field()],
                retire,
                note=_(
                    "It stays in the catalogue and its history; it cannot be redeemed after its last day "
                    "(redemptions already made keep counting)."
                ),
            ),
            self.saved,
        )

    def saved(self, perk: PerkOut | None) -> None:
        if perk is not None:
            self.notify(_("{code} {name} saved").format(code=perk.code, name=perk.name))
            self.query_one("#perks", PagedTable).restart()
