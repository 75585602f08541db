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
from console.screens.base import Page
from console.screens.control_form import ControlForm
from console.screens.modals import ConfirmModal
from console.widgets.form import FormField, place_errors, required
from core.api.schemas.standards import VersionOut

SECTIONS = {
    "outputs": (("procedure", "Procedure (one step a line)"), ("skills", "Skills"), ("etiquette", "Etiquette")),
    "inputs": (
        ("staff", "Staff"),
        ("facilities", "Facilities"),
        ("supplies", "Supplies"),
        ("environment", "Environment"),
    ),
}
CONTROL_COLUMNS = ("Key", "Name", "Kind", "Metric", "Rule", "Severity")


class ControlsTable(DataTable[str]):
    """The draft's controls; its keys act only while it has focus (elsewhere they are text)."""

    BINDINGS = [
        Binding("a", "screen.add_control", "Add"),
        Binding("e", "screen.edit_control", "Edit"),
        Binding("delete", "screen.remove_control", "Remove"),
    ]


class EditorScreen(Page):
    """Edit one draft; the standards screen reloads when this one closes."""

    TITLE = "Draft"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "close", "Back"),
    ]
    HELP = (
        "Edit a draft: the title, then tabs for outputs, inputs, controls and a note; list items one a line. "
        "In the controls table a adds a control, e (or Enter) edits the highlighted one, delete removes it. "
        "ctrl+s saves; problems the API finds appear under the fields they concern."
    )

    def __init__(self, version: VersionOut) -> None:
        super().__init__()
        self.version = version
        data = as_data(version.content)
        self.controls: list[dict[str, Any]] = data["controls"]
        self.saved = data
        self.fields = [
            FormField("Title", "title", value=data["title"], validators=[required("a title")]),
            FormField("Scope", "outputs.scope", value=data["outputs"]["scope"]),
        ]
        for section, items in SECTIONS.items():
            self.fields += [
                FormField(label, f"{section}.{key}", value="\n".join(data[section][key]), lines=True)
                for key, label in items
            ]
        self.fields.append(FormField("Note", "note", value=data["note"], lines=True))

    def body(self) -> ComposeResult:
        by_name = {f.field_name: f for f in self.fields}
        yield by_name["title"]
        with TabbedContent(id="editor-tabs"):
            with TabPane("Outputs", id="outputs"), VerticalScroll():
                yield by_name["outputs.scope"]
                yield from (by_name[f"outputs.{key}"] for key, _ in SECTIONS["outputs"])
            with TabPane("Inputs", id="inputs"), VerticalScroll():
                yield from (by_name[f"inputs.{key}"] for key, _ in SECTIONS["inputs"])
            with TabPane("Controls", id="controls"):
                yield ControlsTable(id="control-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Note", id="note"):
                yield by_name["note"]

    def on_mount(self) -> None:
        self.sub_title = f"{self.version.touchpoint} v{self.version.number} ({self.version.status})"
        table = self.query_one("#control-table", DataTable)
        table.add_columns(*CONTROL_COLUMNS)
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
                c.get("severity", "minor"),
                key=c["key"],
            )

    def data(self, controls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The draft as the forms hold it now (``controls`` replacing the table's)."""
        by_name = {f.field_name: f for f in self.fields}
        return {
            "title": by_name["title"].value,
            "outputs": {
                "scope": by_name["outputs.scope"].value,
                **{key: by_name[f"outputs.{key}"].lines for key, _ in SECTIONS["outputs"]},
            },
            "inputs": {key: by_name[f"inputs.{key}"].lines for key, _ in SECTIONS["inputs"]},
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
        self.notify(f"Draft v{version.number} of {version.touchpoint} saved")

    def selected_control(self) -> int | None:
        table = self.query_one("#control-table", DataTable)
        return table.cursor_row if self.controls and table.row_count else None

    def action_add_control(self) -> None:
        index = len(self.controls)
        self.app.push_screen(ControlForm(None, index, lambda c: self.store(self.data([*self.controls, c]))))

    def action_edit_control(self) -> None:
        if (index := self.selected_control()) is None:
            return
        others = self.controls

        async def save(control: dict[str, Any]) -> VersionOut:
            return await self.store(self.data([*others[:index], control, *others[index + 1 :]]))

        self.app.push_screen(ControlForm(self.controls[index], index, save))

    @work(exclusive=True, group="save")
    async def action_remove_control(self) -> None:
        if (index := self.selected_control()) is None:
            return
        key = self.controls[index]["key"]
        if not await self.app.push_screen_wait(ConfirmModal(f"Remove control '{key}' from the draft?")):
            return
        try:
            await self.store(self.data([c for i, c in enumerate(self.controls) if i != index]))
        except ApiError as error:
            self.notify(error.message, title=error.problem.title, severity="error", timeout=8)

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_edit_control()

    @work(exclusive=True, group="close")
    async def action_close(self) -> None:
        if self.data() != self.saved and not await self.app.push_screen_wait(ConfirmModal("Leave without saving?")):
            return
        self.dismiss(None)
