"""A key does one thing on every screen of the console: walking the app's bindings and those
of every screen, dialog and table the console builds, a key bound twice is bound to the same
action (``screen.edit`` on a table is the screen's ``edit``). Every binding is shown in the
footer, and has a description to show there and in the command palette. (Textual's own
bindings, a table's arrow keys, are not the console's to choose.)"""

from __future__ import annotations

from collections import defaultdict

from textual.binding import Binding

from console.app import TouchstoneConsole
from console.screens.base import Page, SubPage
from console.screens.control_form import ControlForm
from console.screens.dashboard import DashboardScreen
from console.screens.dialog import Dialog
from console.screens.editor import ControlsTable, EditorScreen
from console.screens.help import HelpScreen
from console.screens.modals import ConfirmModal, FormModal
from console.screens.organisation import OrganisationScreen
from console.screens.plugin import PluginScreen
from console.screens.standards import StandardsScreen
from console.screens.version_reports import ReportModal
from console.widgets.paged_table import PagedTable

BOUND = (
    TouchstoneConsole,
    Page,
    SubPage,
    DashboardScreen,
    OrganisationScreen,
    StandardsScreen,
    EditorScreen,
    ControlsTable,
    PluginScreen,
    Dialog,
    FormModal,
    ControlForm,
    ConfirmModal,
    ReportModal,
    HelpScreen,
    PagedTable,
)


def bindings(owner: type) -> list[Binding]:
    """The bindings the console's class ``owner`` declares itself."""
    return list(Binding.make_bindings(owner.__dict__.get("BINDINGS", [])))


def action(binding: Binding) -> str:
    return binding.action.removeprefix("screen.").removeprefix("app.")


def test_a_key_bound_on_two_screens_does_the_same_there() -> None:
    actions: dict[str, set[str]] = defaultdict(set)
    for owner in BOUND:
        for binding in bindings(owner):
            actions[binding.key].add(action(binding))
    assert {key: found for key, found in actions.items() if len(found) > 1} == {}


def test_every_binding_is_in_the_footer_with_a_description() -> None:
    hidden = [
        (owner.__name__, b.key)
        for owner in BOUND
        for b in bindings(owner)
        if not b.description or (not b.show and b.action != "command_palette")
    ]
    assert hidden == []
