"""The Touchstone admin console: a Textual app over the HTTP API.

This module only wires things together: the connection, the four main screens (as Textual
modes), the unit being worked on, what plugins add there, help and the command palette.
Screens live in :mod:`console.screens`, widgets in :mod:`console.widgets`, styles in
``console.tcss``.
"""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive

from console.api import ApiError, TouchstoneApi
from console.api.schemas import Me
from console.commands import ConsoleCommands
from console.connection import Connection, Held
from console.extensions import Extensions
from console.localised import speak_bindings
from console.messages import UnitChosen
from console.screens.clients import ClientsScreen
from console.screens.dashboard import DashboardScreen
from console.screens.help import HelpScreen
from console.screens.login import LoginScreen
from console.screens.organisation import OrganisationScreen
from console.screens.pickers import ChoiceModal, FailureScreen, UnitPicker
from console.screens.standards import StandardsScreen
from console.widgets.calls import call_api
from core.api.schemas.org import UnitDetail
from core.clock import Clock
from core.i18n import N_, _
from core.types import ConsoleScreen

SCREENS = Binding.Group(N_("Screens"), compact=True)


class TouchstoneConsole(App[None]):
    TITLE = "Touchstone"
    CSS_PATH = "console.tcss"
    COMMANDS = App.COMMANDS | {ConsoleCommands}
    MODES = {
        "dashboard": DashboardScreen,
        "organisation": OrganisationScreen,
        "standards": StandardsScreen,
        "clients": ClientsScreen,
    }
    # The keys that work on every screen: in the footer after the screen's own (the four main
    # screens as one group), and named one by one on the NavBar under the header.
    BINDINGS = [
        Binding("d", "switch_mode('dashboard')", N_("Dashboard"), group=SCREENS),
        Binding("o", "switch_mode('organisation')", N_("Organisation"), group=SCREENS),
        Binding("s", "switch_mode('standards')", N_("Standards"), group=SCREENS),
        Binding("c", "switch_mode('clients')", N_("Clients"), group=SCREENS),
        Binding("u", "choose_unit", N_("Choose unit")),
        Binding("p", "plugin_screens", N_("Plugins")),
        Binding("question_mark,f1", "help", N_("Help")),
        Binding("q", "quit", N_("Quit")),
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True),
    ]
    NEEDS_API = frozenset({"switch_mode", "choose_unit", "plugin_screens"})

    unit: reactive[UnitDetail | None] = reactive(None)
    """The organisation unit being worked on; every screen follows it."""
    enabled_here: reactive[frozenset[str]] = reactive(frozenset())
    """Plugins the API says are on at :attr:`unit`."""

    def __init__(
        self,
        connection: Connection,
        *,
        extensions: Extensions | None = None,
        clock: Clock | None = None,
        start: str = "dashboard",
    ) -> None:
        super().__init__()
        speak_bindings(self)
        if start not in self.MODES:
            raise ValueError(f"no screen '{start}'; the console opens on one of {', '.join(self.MODES)}")
        self.start = start
        self.connection = connection
        self.extensions = extensions or Extensions()
        self.clock = clock or Clock()
        self._held = Held(connection)
        self.me: Me | None = None
        self.home: UnitDetail | None = None
        """The token's own unit: the root of everything this console may see."""

    @property
    def api(self) -> TouchstoneApi:
        return self._api

    @property
    def ready(self) -> bool:
        return self.home is not None

    async def on_mount(self) -> None:
        self.sub_title = self.connection.label
        if not self.connection.token:  # a web console's session: the token is typed on its first screen
            await self.push_screen(LoginScreen(self.connection), self.signed_in)
            return
        await self.begin()

    async def signed_in(self, connection: Connection | None) -> None:
        if connection is not None:
            self.connection = connection
            self._held = Held(connection)
            await self.begin()

    async def begin(self) -> None:
        """Open the connection, learn who the token is and where it may look, show the first screen."""
        try:
            self._api = await self._held.open()
            self.me = await self.api.me()
            self.home = await self.api.unit(self.me.unit.code)
        except ApiError as error:
            await self.push_screen(FailureScreen(self.connection.label, error))
            return
        self.unit = self.home
        await self.switch_mode(self.start)

    async def on_unmount(self) -> None:
        await self._held.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.ready or action not in self.NEEDS_API

    def watch_unit(self, unit: UnitDetail | None) -> None:
        if unit is not None and self.me is not None:
            self.sub_title = f"{unit.name} {unit.code} · {self.me.name} · {self.connection.label}"
            self.refresh_enabled()

    @work(exclusive=True, group="enabled")
    async def refresh_enabled(self) -> None:
        """Ask the API which plugins are on at the current unit (after a switch, too)."""
        if self.unit is None:
            return
        states = await call_api(self, self.api.unit_plugins(self.unit.code))
        self.enabled_here = frozenset(s.plugin for s in states or () if s.enabled)

    async def on_unit_chosen(self, message: UnitChosen) -> None:
        await self.choose(message.code)

    async def choose(self, code: str) -> None:
        """Work on the unit ``code`` from now on (every screen follows)."""
        if (self.unit is None or code != self.unit.code) and (
            unit := await call_api(self, self.api.unit(code))
        ) is not None:
            self.unit = unit

    def action_choose_unit(self) -> None:
        assert self.home is not None

        async def chosen(code: str | None) -> None:
            if code:
                await self.choose(code)

        self.push_screen(UnitPicker(self.api, self.home), chosen)

    def plugin_screens(self) -> list[ConsoleScreen]:
        """The screens of plugins enabled at the current unit."""
        return self.extensions.screens_for(self.enabled_here)

    def action_plugin_screens(self) -> None:
        assert self.unit is not None
        if not (screens := self.plugin_screens()):
            self.notify(
                _("No plugin with a screen is on at {unit}").format(unit=f"{self.unit.name} {self.unit.code}"),
                severity="warning",
            )
            return
        title = _("Plugin screens at {unit}").format(unit=f"{self.unit.name} {self.unit.code}")
        self.push_screen(
            ChoiceModal(title, [(f"{s.title}  ({s.plugin})", s) for s in screens]), self.open_plugin_screen
        )

    def open_plugin_screen(self, screen: ConsoleScreen | None) -> None:
        if screen is not None and self.unit is not None and screen.plugin in self.enabled_here:
            self.push_screen(screen.factory(self.api, self.unit.code))

    def action_help(self) -> None:
        """The help panel of the screen in front."""
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=_("Find a screen or an action…"), id="--command-palette"))
