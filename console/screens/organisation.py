"""The organisation: browse the tree; for the chosen unit, its plugins and its staff.

Each plugin shows as on or off and why: switched here, inherited from an ancestor (named),
off by default, or always on (the core). Switching on, off, or back to inheriting asks for
a reason, which the API audits. Choosing a unit in the tree makes it the unit every screen
works on.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, TabbedContent, TabPane

from console.api.schemas import PluginState
from console.labels import word
from console.screens.base import Page
from console.screens.modals import reason_modal
from console.widgets.calls import call_api
from console.widgets.paged_table import PagedTable, Row
from console.widgets.unit_tree import UnitTree
from core.api.schemas.org import UnitDetail
from core.i18n import N_, _

WHY = {"explicit": N_("switched here"), "default": N_("off by default"), "always": N_("always on (core)")}


def why(state: PluginState) -> str:
    if state.source == "inherited":
        return _("inherited from {unit}").format(unit=state.decided_at)
    return _(WHY[state.source])


class OrganisationScreen(Page):
    EXPORT_PATH = "/staff"
    TITLE = N_("Organisation")
    AUTO_FOCUS = "#tree"
    BINDINGS = [
        Binding("plus", "switch(True)", N_("Switch on")),
        Binding("minus", "switch(False)", N_("Switch off")),
        Binding("equals_sign", "inherit", N_("Inherit")),
    ]
    HELP = N_(
        "The tree on the left: Enter chooses the unit every screen works on. On the right, tab reaches the "
        "chosen unit's plugins and staff. On a plugin, + switches it on here, - off, and = clears this unit's "
        "own switch so it inherits from above again; each asks for a reason, kept in the audit log, and units "
        "below inherit the switch unless they set their own. The staff list fetches more with m."
    )

    def __init__(self) -> None:
        super().__init__()
        self.states: list[PluginState] = []

    def body(self) -> ComposeResult:
        assert self.console.home is not None
        with Horizontal():
            yield UnitTree(self.api, self.console.home, id="tree")
            with TabbedContent(id="unit-tabs"):
                with TabPane(_("Plugins"), id="plugins-tab"):
                    yield DataTable(id="plugins", cursor_type="row", zebra_stripes=True)
                with TabPane(_("Staff"), id="staff-tab"):
                    yield PagedTable((_("Full name"), _("No."), _("Roles"), _("Unit"), _("Active")), id="staff")

    def on_mount(self) -> None:
        self.query_one("#plugins", DataTable).add_columns(_("Plugin"), _("Here"), _("Why"))
        self.watch(self.console, "unit", self.show_unit)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("switch", "inherit"):
            return self.query_one(TabbedContent).active == "plugins-tab" and bool(self.states)
        return True

    def on_tabbed_content_tab_activated(self) -> None:
        self.refresh_bindings()

    def show_unit(self, unit: UnitDetail | None) -> None:
        if unit is None:
            return
        self.query_one("#unit-tabs").border_title = f"{unit.name} {unit.code}"
        self.query_one(UnitTree).reveal(unit.path)
        self.load_plugins(unit.code)
        staff = self.query_one("#staff", PagedTable)

        async def fetch(cursor: str | None) -> tuple[list[Row], str | None]:
            page = await self.api.staff(unit.code, cursor)
            return [
                (
                    s.id,
                    (
                        s.name,
                        s.employee_no,
                        "、".join(map(word, s.roles)),
                        s.unit.code,
                        _("yes") if s.active else _("no"),
                    ),
                )
                for s in page.items
            ], page.next_cursor

        staff.restart(fetch)

    @work(exclusive=True, group="plugins")
    async def load_plugins(self, code: str) -> None:
        table = self.query_one("#plugins", DataTable)
        if (states := await call_api(self, self.api.unit_plugins(code), busy=table)) is not None:
            self.show_states(states)

    def show_states(self, states: list[PluginState]) -> None:
        table = self.query_one("#plugins", DataTable)
        row = table.cursor_row
        self.states = states
        table.clear()
        for s in states:
            table.add_row(s.plugin, _("on") if s.enabled else _("off"), why(s), key=s.plugin)
        table.move_cursor(row=min(row, len(states) - 1))
        self.refresh_bindings()

    def selected(self) -> PluginState | None:
        table = self.query_one("#plugins", DataTable)
        return self.states[table.cursor_row] if self.states and table.row_count else None

    def action_switch(self, enabled: bool) -> None:
        state, unit = self.selected(), self.console.unit
        if state is None or unit is None:
            return
        where = f"{unit.name} {unit.code}"
        if enabled:
            title = _("Switch {plugin} on at {unit}").format(plugin=state.plugin, unit=where)
        else:
            title = _("Switch {plugin} off at {unit}").format(plugin=state.plugin, unit=where)
        self.app.push_screen(
            reason_modal(
                title,
                lambda reason: self.api.switch_plugin(unit.code, state.plugin, enabled, reason),
                note=_("Units below inherit the switch unless they set their own."),
            ),
            self.after_switch,
        )

    def action_inherit(self) -> None:
        state, unit = self.selected(), self.console.unit
        if state is None or unit is None:
            return
        self.app.push_screen(
            reason_modal(
                _("{unit}: let {plugin} inherit from above").format(unit=unit.code, plugin=state.plugin),
                lambda reason: self.api.inherit_plugin(unit.code, state.plugin, reason),
            ),
            self.after_switch,
        )

    def after_switch(self, states: list[PluginState] | None) -> None:
        if states is not None:
            self.show_states(states)
            self.console.refresh_enabled()
