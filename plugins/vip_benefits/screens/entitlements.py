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
    call_api,
    reason_modal,
    word,
)
from core.sdk import named
from plugins.vip_benefits.i18n import N_, _, ngettext
from plugins.vip_benefits.schemas import PerkRules, RuleOut, RulesPage
from plugins.vip_benefits.screens.checks import whole
from plugins.vip_benefits.screens.page import PerksScreen
from plugins.vip_benefits.terms import PER, PERIODS

MOST = 10_000  # the schema's bound on quotas and companions
Key = tuple[str, str]
"""A cell: (perk code, tier)."""
Change = dict[str, Any] | None
"""A marked cell: the rule to set here, or None to clear this unit's own."""


def rule_text(quota: int, period: str, companions: int) -> str:
    return f"{quota}{named(PER, period)}" + (f" +{companions}" if companions else "")


def companions(count: int) -> str:
    if not count:
        return _("no companions")
    return ngettext("{count} companion", "{count} companions", count).format(count=count)


class CellForm(FormModal[dict[str, Any]]):
    """Quota, period and companions for one cell; answers the rule without sending it."""

    def __init__(self, title: str, rule: dict[str, Any]) -> None:
        fields = [
            FormField(_("Quota"), "quota", value=str(rule["quota"]), validators=[whole(MOST)]),
            FormField(_("Period"), "period", value=rule["period"], choices=[(str(v), k) for k, v in PERIODS.items()]),
            FormField(_("Companions"), "companions", value=str(rule["companions"]), validators=[whole(MOST)]),
        ]
        super().__init__(
            title,
            fields,
            self.answer,
            note=_(
                "Uses per period for each client of the tier (0 withdraws the perk here), and how many "
                "companions each use may bring. Saved with the other marked cells on ctrl+s."
            ),
        )

    @staticmethod
    async def answer(values: dict[str, str]) -> dict[str, Any]:
        return {"quota": int(values["quota"]), "period": values["period"], "companions": int(values["companions"])}


class EntitlementsScreen(PerksScreen):
    TITLE = N_("Entitlements")
    AUTO_FOCUS = "#grid"
    DEFAULT_CSS = """
    #cell-detail { height: 2; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [
        Binding("e", "edit", N_("Edit")),
        Binding("equals_sign", "inherit", N_("Inherit")),
        Binding("ctrl+s", "save", N_("Save")),
        Binding("escape", "back", N_("Back")),
    ]
    HELP = N_(
        "Per perk (rows) and tier (columns), the rule in force at this unit: uses per year (/yr), month (/mo) "
        "or rolling 12 months (/12m), +companions, and where it is set: ● here, ↑X inherited from unit X "
        "(— none: the tier does not get the perk). e (or Enter) edits the highlighted cell, = clears this unit's "
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
        self.sub_title = _("rules in force at {unit}").format(unit=self.unit)
        self.query_one("#grid").border_title = _("Entitlements at {unit}").format(unit=self.unit)
        self.load()

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        grid = self.query_one("#grid", DataTable)
        if (pages := await call_api(self, self.fetch_all(), busy=grid)) is None:
            return
        self.tiers = pages[0].tiers
        self.rows = {row.perk: row for page in pages for row in page.items}
        grid.clear(columns=True)
        grid.add_column(_("Perk"), key="perk")
        for tier in self.tiers:
            grid.add_column(word(tier), key=tier)
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
            return Text(f"{rule_text(**change)} *" if change else _("inherit") + " *", style="bold yellow")
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
            text = _("{name} {perk}: move to a tier's cell to edit its rule").format(
                name=self.rows[perk].name, perk=perk
            )
        elif (key := self.current()) is not None:
            perk, tier = key
            rule = self.in_force(perk, tier)
            text = f"{self.rows[perk].name} {perk} · {word(tier)}: "
            if rule is None:
                text += _("no rule, the tier does not get this perk")
            else:
                where = _("inherited from {unit}").format(unit=rule.set_at) if rule.inherited else _("set here")
                text += _("{quota} per {period}, {companions}; {where}").format(
                    quota=rule.quota,
                    period=named(PERIODS, rule.period),
                    companions=companions(rule.companions),
                    where=where,
                )
        if self.marked:
            count = len(self.marked)
            text += "\n" + ngettext(
                "{count} unsaved change: ctrl+s saves it with a reason",
                "{count} unsaved changes: ctrl+s saves them with a reason",
                count,
            ).format(count=count)
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

        title = _("{name} · {tier} at {unit}").format(name=self.rows[perk].name, tier=word(tier), unit=self.unit)
        self.app.push_screen(CellForm(title, start), mark)

    def action_inherit(self) -> None:
        if (key := self.current()) is None:
            return
        rule = self.in_force(*key)
        if key in self.marked:
            del self.marked[key]  # an unsaved edit (or clearing) is dropped: the cell is as saved
        elif rule is not None and not rule.inherited:
            self.marked[key] = None
        else:
            self.notify(
                _("Nothing is set here for {perk} / {tier}: it already inherits").format(
                    perk=key[0], tier=word(key[1])
                ),
                severity="warning",
            )
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
                ngettext("Save {count} change at {unit}", "Save {count} changes at {unit}", len(self.marked)).format(
                    count=len(self.marked), unit=self.unit
                ),
                send,
                note=_("Units below inherit what is set here unless they set their own."),
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
        self.notify(_("Entitlements at {unit} saved").format(unit=self.unit))

    @work(exclusive=True, group="close")
    async def action_back(self) -> None:
        """Back to where the screen was opened from, after asking when changes are unsaved."""
        count = len(self.marked)
        question = ngettext(
            "Leave without saving {count} change?", "Leave without saving {count} changes?", count
        ).format(count=count)
        if self.marked and not await self.app.push_screen_wait(ConfirmModal(question)):
            return
        self.dismiss(None)
