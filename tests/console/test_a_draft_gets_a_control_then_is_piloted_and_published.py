"""The standards flow, driven by keys: start a draft from the version in force, add a control
(a bad threshold is flagged at its field before anything is sent), pilot it at two
sub-branches, publish it; the API ends up with what the person did."""

from __future__ import annotations

from textual.widgets import DataTable

from console.screens.control_form import ControlForm
from console.screens.editor import EditorScreen
from console.screens.standards import StandardsScreen
from console.widgets.form import FormField
from tests.console.conftest import highlight, paste, published_standard, settle


def field(form: ControlForm, name: str) -> FormField:
    return next(f for f in form.fields if f.field_name == name)


async def test_a_draft_gets_a_control_then_is_piloted_and_published(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await published_standard(console.api)
        await pilot.press("s")
        await settle(pilot)
        standards = console.screen
        assert isinstance(standards, StandardsScreen)
        highlight(standards.query_one("#touchpoints", DataTable), "counter_service")
        await settle(pilot)
        assert standards.touchpoint is not None and standards.touchpoint.code == "counter_service"

        await pilot.press("n")
        await settle(pilot)
        editor = console.screen
        assert isinstance(editor, EditorScreen) and (editor.version.number, editor.version.status) == (2, "draft")
        await pilot.click("#--content-tab-controls")
        await pilot.click("#control-table")
        await pilot.press("a")
        await settle(pilot)
        form = console.screen
        assert isinstance(form, ControlForm)
        for text in ("greeted", "问候"):
            await paste(pilot, text)
            await pilot.press("tab")
        await pilot.press("tab")  # the kind stays "compare"
        await paste(pilot, "greet_seconds")
        await pilot.press("tab", "enter", "down", "enter", "tab")  # comparator: the first after "(none)", "<="
        await pilot.press(*"abc")
        await settle(pilot)
        assert field(form, "threshold").query_one(".form-error").render().plain == "阈值须为数字"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert console.screen is form  # refused locally, nothing sent
        assert len((await console.api.version(editor.version.id)).content.controls) == 1
        await pilot.press(*["backspace"] * 3, *"30")
        await settle(pilot)
        assert not field(form, "threshold").has_class("-invalid")
        assert field(form, "comparator").input.value == "<="
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert console.screen is editor
        assert editor.query_one("#control-table", DataTable).row_count == 2

        await pilot.press("escape")
        await settle(pilot)
        assert console.screen is standards
        await pilot.click("#versions")
        assert standards.version is not None and standards.version.number == 2
        await pilot.press("l")
        await settle(pilot)
        await paste(pilot, "SB1, SB2")
        await pilot.press("tab")
        await paste(pilot, "两个支行试点")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await paste(pilot, "试点达标，全行推广")
        await pilot.press("enter")
        await settle(pilot)

        versions = {v.number: v for v in await console.api.versions("counter_service")}
        assert (versions[1].status, versions[2].status) == ("retired", "published")
        assert versions[2].pilot_units == ["SB1", "SB2"]
        added = versions[2].content.controls[1]
        assert (added.key, added.name, added.metric, added.comparator, added.threshold) == (
            "greeted",
            "问候",
            "greet_seconds",
            "<=",
            30,
        )
        assert standards.query_one("#versions", DataTable).get_row_at(0)[:2] == ["v2", "已发布"]
