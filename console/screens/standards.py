"""Touchpoint standards: the catalogue, each touchpoint's versions, and their life.

The upper table lists touchpoints with the version published and the one in pilot; the
lower one the selected touchpoint's versions. From there: start a draft from the version in
pilot (else the one in force, else the latest), edit a draft, pilot it at chosen units, compare the pilot with the rest of the
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
from console.labels import word
from console.screens.base import Page
from console.screens.editor import EditorScreen
from console.screens.modals import FormModal, reason_field, reason_modal
from console.screens.pickers import ChoiceModal
from console.screens.version_reports import DiffScreen, PilotReportScreen
from console.widgets.calls import call_api
from console.widgets.form import FormField, required
from core.api.schemas.standards import StandardContent, TouchpointOut, VersionOut
from core.i18n import N_, _

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


def draft_base(versions: list[VersionOut]) -> VersionOut | None:
    """The version a new draft copies: the one in pilot, else the one in force, else the latest."""
    by_status = {v.status: v for v in versions}
    return by_status.get("pilot") or by_status.get("published") or max(versions, key=lambda v: v.number, default=None)


class StandardsScreen(Page):
    EXPORT_PATH = "/touchpoints"
    TITLE = N_("Standards")
    AUTO_FOCUS = "#touchpoints"
    BINDINGS = [
        Binding("n", "new_draft", N_("New draft")),
        Binding("e", "edit", N_("Edit")),
        Binding("l", "pilot", N_("Pilot at units")),
        Binding("v", "compare", N_("Vs network")),
        Binding("b", "publish", N_("Publish")),
        Binding("w", "retire", N_("Retire")),
        Binding("f", "diff", N_("Diff")),
        Binding("x", "export", N_("Export TOML")),
        Binding("i", "import", N_("Import TOML")),
    ]
    HELP = N_(
        "Touchpoints above, the highlighted one's versions below; tab moves between the two tables and the "
        "footer shows what the highlighted row allows. On a touchpoint: n starts a draft from the version in "
        "pilot (else the one in force, else the latest; a blank one where there is none), i reads a TOML file "
        "as a new draft. On a version: e edits a draft, l pilots it at units (each with its subtree), v "
        "compares a pilot with the rest of the network over the same weeks, b publishes (the version in force "
        "before is retired), w retires, f shows what changed since another version you pick, x writes the "
        "version to a TOML file. Every change asks for a reason, kept in the audit log."
    )

    def __init__(self) -> None:
        super().__init__()
        self.touchpoints: list[TouchpointOut] = []
        self.versions: list[VersionOut] = []

    def body(self) -> ComposeResult:
        yield DataTable(id="touchpoints", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="versions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#touchpoints", DataTable).add_columns(
            _("Touchpoint"), _("Name"), _("Channel"), _("In force"), _("In pilot")
        )
        self.query_one("#versions", DataTable).add_columns(
            _("Version"), _("State"), _("Title"), _("Controls"), _("Pilot units")
        )
        self.query_one("#touchpoints").border_title = _("Touchpoints")
        self.query_one("#versions").border_title = _("Versions")
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
            table.add_row(
                t.code, t.name, word(t.channel), _number(t.published_version), _number(t.pilot_version), key=t.code
            )
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
        table.border_title = _("Versions of {touchpoint}").format(touchpoint=touchpoint.code)
        table.border_subtitle = "" if versions else _("none yet: n on the touchpoint starts a blank draft")
        table.clear()
        for v in self.versions:
            table.add_row(
                f"v{v.number}",
                word(v.status),
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
        """A draft copied from :func:`draft_base`, or a blank one where the touchpoint has no version."""
        if (touchpoint := self.touchpoint) is None:
            return
        if (versions := await call_api(self, self.api.versions(touchpoint.code))) is None:
            return
        base = draft_base(versions)
        content = base.content if base else StandardContent(title=touchpoint.name)
        if draft := await call_api(self, self.api.create_draft(touchpoint.code, content)):
            if base is None:
                origin = _("a blank page")
            else:
                origin = _("v{number} ({state})").format(number=base.number, state=word(base.status))
            self.notify(
                _("Draft v{number} of {touchpoint} started from {origin}").format(
                    number=draft.number, touchpoint=touchpoint.code, origin=origin
                )
            )
            self.open_editor(draft)

    def action_edit(self) -> None:
        if version := self.version:
            self.open_editor(version)

    def action_pilot(self) -> None:
        if (version := self.version) is None:
            return
        units = FormField(
            _("Pilot units"),
            "units",
            validators=[required(_("at least one unit"))],
            placeholder=_("BJ-CY, SH-PD (each with its subtree)"),
        )

        async def start(values: dict[str, str]) -> VersionOut:
            codes = [code.strip() for code in values["units"].replace("，", ",").split(",") if code.strip()]
            return await self.api.start_pilot(version.id, codes, values["reason"])

        self.app.push_screen(
            FormModal(
                _("Pilot {touchpoint} v{number}").format(touchpoint=version.touchpoint, number=version.number),
                [units, reason_field()],
                start,
            ),
            self.after_change,
        )

    def action_publish(self) -> None:
        if version := self.version:
            self.app.push_screen(
                reason_modal(
                    _("Publish {touchpoint} v{number} network-wide").format(
                        touchpoint=version.touchpoint, number=version.number
                    ),
                    lambda reason: self.api.publish(version.id, reason),
                    note=_("The version published before is retired."),
                ),
                self.after_change,
            )

    def action_retire(self) -> None:
        if version := self.version:
            self.app.push_screen(
                reason_modal(
                    _("Retire {touchpoint} v{number}").format(touchpoint=version.touchpoint, number=version.number),
                    lambda reason: self.api.retire(version.id, reason),
                ),
                self.after_change,
            )

    def after_change(self, version: VersionOut | None) -> None:
        if version is not None:
            self.notify(
                _("{touchpoint} v{number} is now {state}").format(
                    touchpoint=version.touchpoint, number=version.number, state=word(version.status)
                )
            )
            self.load_touchpoints()

    def action_diff(self) -> None:
        if (version := self.version) is None:
            return
        others = [(f"v{v.number} ({word(v.status)}) {v.content.title}", v) for v in self.versions if v.id != version.id]
        if not others:
            self.notify(
                _("{touchpoint} has no other version to compare with").format(touchpoint=version.touchpoint),
                severity="warning",
            )
            return

        def compare(base: VersionOut | None) -> None:
            if base is not None:
                self.app.push_screen(DiffScreen(self.api, base, version))

        self.app.push_screen(
            ChoiceModal(_("What changed in v{number} since…").format(number=version.number), others), compare
        )

    def action_compare(self) -> None:
        if (version := self.version) is not None:
            self.app.push_screen(PilotReportScreen(self.api, version))

    def action_export(self) -> None:
        if (version := self.version) is None:
            return
        path = FormField(
            _("File"),
            "file",
            value=f"{version.touchpoint}-v{version.number}.toml",
            validators=[required(_("a file name"))],
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
            FormModal(
                _("Export {touchpoint} v{number} as TOML").format(touchpoint=version.touchpoint, number=version.number),
                [path],
                write,
            ),
            lambda target: target and self.notify(_("Written to {file}").format(file=target)),
        )

    def action_import(self) -> None:
        path = FormField(_("File"), "file", validators=[required(_("a file name"))], placeholder="counter_service.toml")

        async def read(values: dict[str, str]) -> VersionOut:
            try:
                text = Path(values["file"]).expanduser().read_text(encoding="utf-8")  # noqa: ASYNC240 (a small TOML file)
            except (OSError, UnicodeDecodeError) as exc:
                raise local_problem([("file", getattr(exc, "strerror", None) or str(exc))]) from exc
            return await self.api.import_toml(text)

        self.app.push_screen(
            FormModal(_("Import a standard from TOML (becomes a draft)"), [path], read), self.after_change
        )


def _number(number: int | None) -> str:
    return f"v{number}" if number else "—"
