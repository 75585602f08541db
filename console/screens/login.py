"""The console's own login screen: the API token is typed here, never on a command line.

The web console (``touchstone console --web``) starts one console per browser session and
gives it the server's URL only; this screen is the first thing the session shows, and
nothing else is until the server has accepted the token (``GET /api/v1/me``). The token
stays in the console's memory: it is not written to a profile, an environment variable or
the page.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from console.api import ApiError
from console.connection import Connection
from core.i18n import _


class LoginScreen(Screen[Connection]):
    """Asks for the API token and checks it; dismisses with the connection that carries it."""

    DEFAULT_CSS = """
    LoginScreen { align: center middle; }
    LoginScreen #login-error { color: $error; }
    """

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self.connection = connection

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="login"):
            yield Label(_("Sign in to Touchstone"), classes="dialog-title")
            yield Static(_("Server: {url}").format(url=self.connection.base_url))
            yield Input(password=True, placeholder=_("API token"), id="token")
            yield Static(
                _("Enter the API token an administrator issued to you (touchstone token create), then press Enter."),
                classes="dialog-note",
            )
            yield Static("", id="login-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#token", Input).focus()

    @on(Input.Submitted, "#token")
    def submitted(self, event: Input.Submitted) -> None:
        if token := event.value.strip():
            self.check(token)
        else:
            self.query_one("#login-error", Static).update(_("Enter a token first."))

    @work(exclusive=True)
    async def check(self, token: str) -> None:
        """Let the session in only once the server accepts the token."""
        connection = replace(self.connection, token=token)
        field = self.query_one("#token", Input)
        field.loading = True
        try:
            async with connection.open() as api:
                await api.me()
        except ApiError as error:
            field.loading = False
            field.value = ""
            self.query_one("#login-error", Static).update(
                _("The server did not accept the token: {reason}").format(reason=error.message)
            )
            return
        self.dismiss(connection)
