"""Touchpoint standards: the catalogue, each touchpoint's versions, and their life.

The upper table lists touchpoints with the version published and the one in pilot; the
lower one the selected touchpoint's versions. From there: start a draft from the version in
force, edit a draft, pilot it at chosen units, compare the pilot with the rest of the
network, publish, retire, see what changed between two versions, and move standards in and
out as TOML files.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from console.content import local_problem
from console.screens.base import Page
from console.screens.editor import EditorScreen
from console.screens.modals import FormModal, reason_field, reason_modal
from console.screens.pickers import ChoiceModal
from console.screens.version_reports import DiffScreen, PilotReportScreen
from console.widgets.calls import call_api
from console.widgets.form import FormField, required
from core.api.schemas.standards import StandardContent, TouchpointOut, VersionOut

# What each action needs: a version in one of these states (None: a touchpoint is enough).
NEEDS = {
    "new_draft": None,
    "import": None,
    "edit": ("draft",),
    "pilot": ("draft",),
    "publish": ("draft", "pilot"),
    "retire": ("draft", "pilot", "published"),
    "compare": ("pilot", "published", "retired"),
    "diff": ("draft", "pilot", "published", "retired"),
    "export": ("draft", "pilot", "published", "retired"),
}


class StandardsScreen(Page):
    TITLE = "Standards"
    BINDINGS = [
        Binding("n", "new_draft", "New draft"),
        Binding("e", "edit", "Edit"),
        Binding("l", "pilot", "Pilot"),
        Binding("v", "compare", "Vs network"),
        Binding("b", "publish", "Publish"),
        Binding("r", "retire", "Retire"),
        Binding("f", "diff", "Diff"),
        Binding("x", "export", "Export"),
        Binding("i", "import", "Import"),
    ]
    HELP = (
        "Touchpoints above, the selected one's versions below; the footer shows what the highlighted row "
        "allows. A draft is started from the version in force (n), edited (e), piloted at units (l), "
        "compared with the network (v), published (b) or retired (r); f shows what changed from another "
        "version you pick; x writes a version to a TOML file and i reads one back as a new draft."
    )

    def __init__(self) -> None:
        super().__init__()
        self.touchpoints: list[TouchpointOut] = []
        self.versions: list[VersionOut] = []

    def body(self) -> ComposeResult:
        yield DataTable(id="touchpoints", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="versions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#touchpoints", DataTable).add_columns("Touchpoint", "Name", "Channel", "Published", "Pilot")
        self.query_one("#versions", DataTable).add_columns("Version", "Status", "Title", "Controls", "Pilot units")
        self.query_one("#touchpoints").border_title = "Touchpoints"
        self.query_one("#versions").border_title = "Versions"
        self.load_touchpoints()

    def on_screen_resume(self) -> None:
        if self.touchpoints:
            self.load_touchpoints()

    @work(exclusive=True, group="touchpoints")
    async def load_touchpoints(self) -> None:
        table = self.query_one("#touchpoints", DataTable)
        touchpoints = await call_api(self, self.api.touchpoints(), busy=table)
        if touchpoints is None:
            return
        selected = self.touchpoint.code if self.touchpoint else None
        self.touchpoints = touchpoints
        table.clear()
        for t in touchpoints:
            table.add_row(t.code, t.name, t.channel, _number(t.published_version), _number(t.pilot_version), key=t.code)
        if selected in {t.code for t in touchpoints}:
            table.move_cursor(row=table.get_row_index(selected))
        self.load_versions()

    @property
    def touchpoint(self) -> TouchpointOut | None:
        table = self.query_one("#touchpoints", DataTable)
        return self.touchpoints[table.cursor_row] if self.touchpoints and table.row_count else None

    @property
    def version(self) -> VersionOut | None:
        table = self.query_one("#versions", DataTable)
        return self.versions[table.cursor_row] if self.versions and table.row_count else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only what applies: touchpoint actions on the upper table, and on the lower one
        what the highlighted version's state allows (the API has the last word)."""
        if action not in NEEDS:
            return True
        focused = self.focused.id if self.focused else "touchpoints"
        if NEEDS[action] is None:
            return focused == "touchpoints"
        version = self.version
        return focused == "versions" and version is not None and version.status in NEEDS[action]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "touchpoints":
            self.load_versions()
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @work(exclusive=True, group="versions")
    async def load_versions(self) -> None:
        table = self.query_one("#versions", DataTable)
        if (touchpoint := self.touchpoint) is None:
            return
        versions = await call_api(self, self.api.versions(touchpoint.code), busy=table)
        if versions is None:
            return
        self.versions = list(reversed(versions))
        table.border_title = f"Versions of {touchpoint.code}"
        table.border_subtitle = "" if versions else "none yet: n on the touchpoint starts a blank draft"
        table.clear()
        for v in self.versions:
            table.add_row(
                f"v{v.number}",
                v.status,
                v.content.title,
                str(len(v.content.controls)),
                ", ".join(v.pilot_units),
                key=v.id,
            )
        self.refresh_bindings()

    def open_editor(self, version: VersionOut) -> None:
        self.app.push_screen(EditorScreen(version))

    @work(exclusive=True, group="act")
    async def action_new_draft(self) -> None:
        """A draft copied from the version in force, or a blank one where none is."""
        if (touchpoint := self.touchpoint) is None:
            return
        blank = None if touchpoint.published_version else StandardContent(title=touchpoint.name)
        if draft := await call_api(self, self.api.create_draft(touchpoint.code, blank)):
            origin = "a blank page" if blank else f"v{touchpoint.published_version}, the version in force"
            self.notify(f"Draft v{draft.number} of {touchpoint.code} started from {origin}")
            self.open_editor(draft)

    def action_edit(self) -> None:
        if version := self.version:
            self.open_editor(version)

    def action_pilot(self) -> None:
        if (version := self.version) is None:
            return
        units = FormField(
            "Pilot units",
            "units",
            validators=[required("at least one unit")],
            placeholder="BJ-CY, SH-PD (each with its subtree)",
        )

        async def start(values: dict[str, str]) -> VersionOut:
            codes = [code.strip() for code in values["units"].replace("，", ",").split(",") if code.strip()]
            return await self.api.start_pilot(version.id, codes, values["reason"])

        self.app.push_screen(
            FormModal(f"Pilot {version.touchpoint} v{version.number}", [units, reason_field()], start),
            self.after_change,
        )

    def action_publish(self) -> None:
        if version := self.version:
            self.app.push_screen(
                reason_modal(
                    f"Publish {version.touchpoint} v{version.number} network-wide",
                    lambda reason: self.api.publish(version.id, reason),
                    note="The version published before is retired.",
                ),
                self.after_change,
            )

    def action_retire(self) -> None:
        if version := self.version:
            self.app.push_screen(
                reason_modal(
                    f"Retire {version.touchpoint} v{version.number}", lambda reason: self.api.retire(version.id, reason)
                ),
                self.after_change,
            )

    def after_change(self, version: VersionOut | None) -> None:
        if version is not None:
            self.notify(f"{version.touchpoint} v{version.number} is now {version.status}")
            self.load_touchpoints()

    def action_diff(self) -> None:
        if (version := self.version) is None:
            return
        others = [(f"v{v.number} ({v.status}) {v.content.title}", v) for v in self.versions if v.id != version.id]
        if not others:
            self.notify(f"{version.touchpoint} has no other version to compare with", severity="warning")
            return

        def compare(base: VersionOut | None) -> None:
            if base is not None:
                self.app.push_screen(DiffScreen(self.api, base, version))

        self.app.push_screen(ChoiceModal(f"What changed in v{version.number} since…", others), compare)

    def action_compare(self) -> None:
        if (version := self.version) is not None:
            self.app.push_screen(PilotReportScreen(self.api, version))

    def action_export(self) -> None:
        if (version := self.version) is None:
            return
        path = FormField(
            "File", "file", value=f"{version.touchpoint}-v{version.number}.toml", validators=[required("a file name")]
        )

        async def write(values: dict[str, str]) -> Path:
            target = Path(values["file"]).expanduser()  # noqa: ASYNC240 (no I/O: a path, as typed)
            text = await self.api.export_toml(version.touchpoint, version.number)
            try:
                target.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise local_problem([("file", exc.strerror or str(exc))]) from exc
            return target

        self.app.push_screen(
            FormModal(f"Export {version.touchpoint} v{version.number} as TOML", [path], write),
            lambda target: target and self.notify(f"Written to {target}"),
        )

    def action_import(self) -> None:
        path = FormField("File", "file", validators=[required("a file name")], placeholder="counter_service.toml")

        async def read(values: dict[str, str]) -> VersionOut:
            try:
                text = Path(values["file"]).expanduser().read_text(encoding="utf-8")  # noqa: ASYNC240 (a small TOML file)
            except (OSError, UnicodeDecodeError) as exc:
                raise local_problem([("file", getattr(exc, "strerror", None) or str(exc))]) from exc
            return await self.api.import_toml(text)

        self.app.push_screen(
            FormModal("Import a standard from TOML (becomes a draft)", [path], read), self.after_change
        )


def _number(number: int | None) -> str:
    return f"v{number}" if number else "—"
