"""The draft editor: outputs, inputs and controls of one standard version, in forms.

Sections are tabs (at 80×24 one section fits at a time); list items are typed one a line.
Controls are a table; adding or editing one opens :class:`ControlForm`, which saves the
draft through the API before it closes. ``ctrl+s`` saves everything; the API's field errors
come back to the fields they name, and leaving with unsaved changes asks first.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, TabbedContent, TabPane

from console.api import ApiError
from console.content import as_data, show_value, to_content
from console.labels import word
from console.localised import speak_bindings
from console.screens.base import SubPage
from console.screens.control_form import ControlForm
from console.screens.modals import ConfirmModal
from console.widgets.form import FormField, place_errors, required
from core.api.schemas.standards import VersionOut
from core.i18n import N_, _

SECTIONS = {
    "outputs": (
        ("procedure", N_("Procedure (one step a line)")),
        ("skills", N_("Skills")),
        ("etiquette", N_("Etiquette")),
    ),
    "inputs": (
        ("staff", N_("Staff")),
        ("facilities", N_("Facilities")),
        ("supplies", N_("Supplies")),
        ("environment", N_("Environment")),
    ),
}
CONTROL_COLUMNS = (N_("Key"), N_("Name"), N_("Kind"), N_("Metric"), N_("Rule"), N_("Severity"))


class ControlsTable(DataTable[str]):
    """The draft's controls; its keys act only while it has focus (elsewhere they are text)."""

    BINDINGS = [
        Binding("a", "screen.add", N_("Add")),
        Binding("e", "screen.edit", N_("Edit")),
        Binding("delete", "screen.remove", N_("Remove")),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        speak_bindings(self)


class EditorScreen(SubPage):
    """Edit one draft; the standards screen reloads when this one closes."""

    TITLE = N_("Draft")
    AUTO_FOCUS = "Input"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save")),
        Binding("escape", "back", N_("Back")),
    ]
    HELP = N_(
        "Edit a draft: the title, then tabs for outputs (scope, procedure, skills, etiquette), inputs (staff, "
        "facilities, supplies, environment), controls and a note; list items are typed one a line. In the "
        "controls table a adds a control, e (or Enter) edits the highlighted one, delete removes it; the "
        "control form checks what it can as you type and closes once the API has saved the draft. ctrl+s "
        "saves; problems the API finds appear under the fields they concern; escape goes back, asking first "
        "if something is unsaved."
    )

    def __init__(self, version: VersionOut) -> None:
        super().__init__()
        self.version = version
        data = as_data(version.content)
        self.controls: list[dict[str, Any]] = data["controls"]
        self.saved = data
        self.fields = [
            FormField(_("Title"), "title", value=data["title"], validators=[required(_("a title"))]),
            FormField(_("Scope"), "outputs.scope", value=data["outputs"]["scope"]),
        ]
        for section, items in SECTIONS.items():
            self.fields += [
                FormField(_(label), f"{section}.{key}", value="\n".join(data[section][key]), lines=True)
                for key, label in items
            ]
        self.fields.append(FormField(_("Note"), "note", value=data["note"], lines=True))

    def body(self) -> ComposeResult:
        by_name = {f.field_name: f for f in self.fields}
        yield by_name["title"]
        with TabbedContent(id="editor-tabs"):
            with TabPane(_("Outputs"), id="outputs"), VerticalScroll():
                yield by_name["outputs.scope"]
                yield from (by_name[f"outputs.{key}"] for key, _label in SECTIONS["outputs"])
            with TabPane(_("Inputs"), id="inputs"), VerticalScroll():
                yield from (by_name[f"inputs.{key}"] for key, _label in SECTIONS["inputs"])
            with TabPane(_("Controls"), id="controls"):
                yield ControlsTable(id="control-table", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Note"), id="note"):
                yield by_name["note"]

    def on_mount(self) -> None:
        self.sub_title = f"{self.version.touchpoint} v{self.version.number} ({word(self.version.status)})"
        table = self.query_one("#control-table", DataTable)
        table.add_columns(*map(_, CONTROL_COLUMNS))
        self.show_controls()

    def show_controls(self) -> None:
        table = self.query_one("#control-table", DataTable)
        table.clear()
        for c in self.controls:
            rule = " ".join(filter(None, (c.get("comparator"), show_value(c.get("threshold")), c.get("unit"))))
            table.add_row(
                c["key"],
                c["name"],
                c["kind"],
                c["metric"],
                rule or show_value(c.get("params")),
                word(c.get("severity", "minor")),
                key=c["key"],
            )

    def data(self, controls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The draft as the forms hold it now (``controls`` replacing the table's)."""
        by_name = {f.field_name: f for f in self.fields}
        return {
            "title": by_name["title"].value,
            "outputs": {
                "scope": by_name["outputs.scope"].value,
                **{key: by_name[f"outputs.{key}"].lines for key, _label in SECTIONS["outputs"]},
            },
            "inputs": {key: by_name[f"inputs.{key}"].lines for key, _label in SECTIONS["inputs"]},
            "controls": self.controls if controls is None else controls,
            "note": by_name["note"].value,
        }

    async def store(self, data: dict[str, Any]) -> VersionOut:
        """Save ``data`` as the draft (raises :class:`ApiError` with the fields at fault)."""
        version = await self.api.save_draft(self.version.id, to_content(data))
        self.version, self.saved = version, as_data(version.content)
        self.controls = self.saved["controls"]
        self.show_controls()
        return version

    @work(exclusive=True, group="save")
    async def action_save(self) -> None:
        try:
            version = await self.store(self.data())
        except ApiError as error:
            leftover = place_errors(error, self.fields)
            if leftover or not error.problem.errors:
                self.notify(
                    "; ".join(leftover) or error.message, title=error.problem.title, severity="error", timeout=8
                )
            return
        self.notify(
            _("Draft v{number} of {touchpoint} saved").format(number=version.number, touchpoint=version.touchpoint)
        )

    def selected_control(self) -> int | None:
        table = self.query_one("#control-table", DataTable)
        return table.cursor_row if self.controls and table.row_count else None

    def action_add(self) -> None:
        index = len(self.controls)
        self.app.push_screen(ControlForm(None, index, lambda c: self.store(self.data([*self.controls, c]))))

    def action_edit(self) -> None:
        if (index := self.selected_control()) is None:
            return
        others = self.controls

        async def save(control: dict[str, Any]) -> VersionOut:
            return await self.store(self.data([*others[:index], control, *others[index + 1 :]]))

        self.app.push_screen(ControlForm(self.controls[index], index, save))

    @work(exclusive=True, group="save")
    async def action_remove(self) -> None:
        if (index := self.selected_control()) is None:
            return
        key = self.controls[index]["key"]
        if not await self.app.push_screen_wait(
            ConfirmModal(_("Remove control '{key}' from the draft?").format(key=key))
        ):
            return
        try:
            await self.store(self.data([c for i, c in enumerate(self.controls) if i != index]))
        except ApiError as error:
            self.notify(error.message, title=error.problem.title, severity="error", timeout=8)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    @work(exclusive=True, group="close")
    async def action_back(self) -> None:
        if self.data() != self.saved and not await self.app.push_screen_wait(ConfirmModal(_("Leave without saving?"))):
            return
        self.dismiss(None)
