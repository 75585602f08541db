"""The entitlements editor: for the unit worked on, a grid of perks × tiers with the rule in
force in each cell (quota per period, companions) and where it is set: ``●`` this unit,
``↑BJ`` inherited from that unit.

Editing a cell or clearing this unit's own rule (so it inherits again) only marks the cell
(``*``); ``ctrl+s`` sends every marked cell in one ``PATCH`` with one reason, all or nothing,
and the answer redraws the rows it touched. Quotas and companions are whole numbers checked
as they are typed; the API stays the authority, and what it refuses is shown as it says it.
"""

from __future__ import annotations

from typing import Any

import msgspec
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from console.sdk import (
    ApiClient,
    ConfirmModal,
    FormField,
    FormModal,
    PluginScreen,
    call_api,
    reason_modal,
)
from plugins.vip_benefits.schemas import PerkRules, RuleOut, RulesPage
from plugins.vip_benefits.screens.checks import whole

PERIODS = {"calendar_year": "yr", "month": "mo", "rolling_12_months": "12m"}
PERIOD_NAMES = {"calendar_year": "calendar year", "month": "month", "rolling_12_months": "rolling 12 months"}
MOST = 10_000  # the schema's bound on quotas and companions
Key = tuple[str, str]
"""A cell: (perk code, tier)."""
Change = dict[str, Any] | None
"""A marked cell: the rule to set here, or None to clear this unit's own."""


def rule_text(quota: int, period: str, companions: int) -> str:
    return f"{quota}/{PERIODS[period]}" + (f" +{companions}" if companions else "")


def companions(count: int) -> str:
    return {0: "no companions", 1: "1 companion"}.get(count, f"{count} companions")


class CellForm(FormModal[dict[str, Any]]):
    """Quota, period and companions for one cell; answers the rule without sending it."""

    def __init__(self, title: str, rule: dict[str, Any]) -> None:
        fields = [
            FormField("Quota", "quota", value=str(rule["quota"]), validators=[whole(MOST)]),
            FormField("Period", "period", value=rule["period"], choices=[(v, k) for k, v in PERIOD_NAMES.items()]),
            FormField("Companions", "companions", value=str(rule["companions"]), validators=[whole(MOST)]),
        ]
        super().__init__(
            title,
            fields,
            self.answer,
            note="Uses per period for each client of the tier (0 withdraws the perk here), and how many "
            "companions each use may bring. Saved with the other marked cells on ctrl+s.",
        )

    @staticmethod
    async def answer(values: dict[str, str]) -> dict[str, Any]:
        return {"quota": int(values["quota"]), "period": values["period"], "companions": int(values["companions"])}


class EntitlementsScreen(PluginScreen):
    TITLE = "礼遇权益 Entitlements"
    DEFAULT_CSS = """
    #cell-detail { height: 2; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("x", "inherit", "Inherit"),
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "close", "Back"),
    ]
    HELP = (
        "Per perk (rows) and tier (columns), the rule in force at this unit: uses per year (/yr), month (/mo) "
        "or rolling 12 months (/12m), +companions, and where it is set: ● here, ↑X inherited from unit X "
        "(— none: the tier does not get the perk). e (or Enter) edits the highlighted cell, x clears this unit's "
        "own rule so it inherits again (or drops an unsaved edit); changed cells are marked * until ctrl+s saves "
        "them all at once with a reason. Units below inherit what is set here."
    )

    def __init__(self, api: ApiClient, unit: str) -> None:
        super().__init__(api, unit)
        self.tiers: list[str] = []
        self.rows: dict[str, PerkRules] = {}
        self.marked: dict[Key, Change] = {}

    def body(self) -> ComposeResult:
        yield DataTable(id="grid", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="cell-detail")

    def on_mount(self) -> None:
        self.sub_title = f"rules in force at {self.unit}"
        self.query_one("#grid").border_title = f"Entitlements at {self.unit}"
        self.load()

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        grid = self.query_one("#grid", DataTable)
        if (pages := await call_api(self, self.fetch_all(), busy=grid)) is None:
            return
        self.tiers = pages[0].tiers
        self.rows = {row.perk: row for page in pages for row in page.items}
        grid.clear(columns=True)
        grid.add_column("Perk", key="perk")
        for tier in self.tiers:
            grid.add_column(tier, key=tier)
        for perk, row in self.rows.items():
            grid.add_row(row.name, *(self.cell(perk, tier) for tier in self.tiers), key=perk)
        grid.move_cursor(column=1)  # the first tier's cell: the name column is not editable
        self.describe()

    async def fetch_all(self) -> list[RulesPage]:
        """Every page of the editor's rows (the catalogue is small; the API pages it anyway)."""
        pages: list[RulesPage] = []
        cursor: str | None = None
        while not pages or cursor:
            pages.append(
                await self.api.get(f"/plugins/vip_benefits/units/{self.unit}/entitlements", RulesPage, cursor=cursor)
            )
            cursor = pages[-1].next_cursor
        return pages

    def in_force(self, perk: str, tier: str) -> RuleOut | None:
        return next((r for r in self.rows[perk].rules if r.tier == tier), None)

    def cell(self, perk: str, tier: str) -> Text:
        if (perk, tier) in self.marked:
            change = self.marked[(perk, tier)]
            return Text(f"{rule_text(**change)} *" if change else "inherit *", style="bold yellow")
        rule = self.in_force(perk, tier)
        if rule is None:
            return Text("—", style="dim")
        where = "●" if not rule.inherited else f"↑{rule.set_at}"
        return Text(
            f"{rule_text(rule.quota, rule.period, rule.companions)} {where}", style="dim" if rule.inherited else ""
        )

    def current(self) -> Key | None:
        """The highlighted cell, if it is a tier's (not the perk's name)."""
        grid = self.query_one("#grid", DataTable)
        if not grid.row_count or grid.cursor_column == 0:
            return None
        keys = grid.coordinate_to_cell_key(grid.cursor_coordinate)
        return str(keys.row_key.value), str(keys.column_key.value)

    def redraw(self, perk: str) -> None:
        grid = self.query_one("#grid", DataTable)
        for tier in self.tiers:
            grid.update_cell(perk, tier, self.cell(perk, tier), update_width=True)
        self.describe()

    def describe(self) -> None:
        """The highlighted cell in words, and how many cells wait to be saved."""
        grid = self.query_one("#grid", DataTable)
        text = ""
        if grid.row_count and grid.cursor_column == 0:
            perk = str(grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value)
            text = f"{self.rows[perk].name} {perk}: move to a tier's cell to edit its rule"
        elif (key := self.current()) is not None:
            perk, tier = key
            rule = self.in_force(perk, tier)
            text = f"{self.rows[perk].name} {perk} · {tier}: "
            if rule is None:
                text += "no rule, the tier does not get this perk"
            else:
                text += f"{rule.quota} per {PERIOD_NAMES[rule.period]}, {companions(rule.companions)}; " + (
                    f"inherited from {rule.set_at}" if rule.inherited else "set here"
                )
        if self.marked:
            text += f"\n{len(self.marked)} unsaved change(s): ctrl+s saves them with a reason"
        self.query_one("#cell-detail", Static).update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "inherit"):
            return self.current() is not None
        return bool(self.marked) if action == "save" else True

    def on_data_table_cell_highlighted(self, _: DataTable.CellHighlighted) -> None:
        self.describe()

    def on_data_table_cell_selected(self, _: DataTable.CellSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        if (key := self.current()) is None:
            return
        perk, tier = key
        rule = self.in_force(perk, tier)
        start = self.marked.get(key) or (
            msgspec.structs.asdict(rule) if rule else {"quota": 0, "period": "calendar_year", "companions": 0}
        )

        def mark(change: dict[str, Any] | None) -> None:
            if change is not None:
                self.marked[key] = change
                self.redraw(perk)

        self.app.push_screen(CellForm(f"{self.rows[perk].name} · {tier} at {self.unit}", start), mark)

    def action_inherit(self) -> None:
        if (key := self.current()) is None:
            return
        rule = self.in_force(*key)
        if key in self.marked:
            del self.marked[key]  # an unsaved edit (or clearing) is dropped: the cell is as saved
        elif rule is not None and not rule.inherited:
            self.marked[key] = None
        else:
            self.notify(f"Nothing is set here for {key[0]} / {key[1]}: it already inherits", severity="warning")
        self.redraw(key[0])

    def action_save(self) -> None:
        if not self.marked:
            return
        sets = [{"perk": p, "tier": t, **c} for (p, t), c in self.marked.items() if c is not None]
        clears = [{"perk": p, "tier": t} for (p, t), c in self.marked.items() if c is None]

        async def send(reason: str) -> RulesPage:
            return await self.api.patch(
                f"/plugins/vip_benefits/units/{self.unit}/entitlements",
                RulesPage,
                {"reason": reason, "set": sets, "clear": clears},
            )

        self.app.push_screen(
            reason_modal(
                f"Save {len(self.marked)} change(s) at {self.unit}",
                send,
                note="Units below inherit what is set here unless they set their own.",
            ),
            self.saved,
        )

    def saved(self, page: RulesPage | None) -> None:
        if page is None:
            return
        for row in page.items:
            self.rows[row.perk] = row
            self.marked = {k: c for k, c in self.marked.items() if k[0] != row.perk}
            self.redraw(row.perk)
        self.notify(f"Entitlements at {self.unit} saved")

    @work(exclusive=True, group="close")
    async def action_close(self) -> None:
        if self.marked and not await self.app.push_screen_wait(
            ConfirmModal(f"Leave without saving {len(self.marked)} change(s)?")
        ):
            return
        self.dismiss(None)
