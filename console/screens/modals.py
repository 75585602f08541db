"""Dialogs: a form that submits through the API and stays open until the API agrees.

:class:`FormModal` is typed by what a successful submission returns (``FormModal[VersionOut]``
dismisses with the saved version, or ``None`` when cancelled). Local rules are checked
before anything is sent; the API's field errors are shown at their fields and the dialog
stays open, so a person corrects and tries again. :func:`reason_modal` is the common case:
the bank's rules want a reason for every change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from console.api import ApiError
from console.screens.dialog import Dialog
from console.widgets.form import FormField, place_errors, required
from core.i18n import N_, _

T = TypeVar("T")
Submit = Callable[[dict[str, str]], Awaitable[T]]


class FormModal(Dialog[T | None], Generic[T]):
    """A titled form; ``submit(values)`` calls the API and its answer dismisses the dialog."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Save"))]

    def __init__(
        self, title: str, fields: Sequence[FormField], submit: Submit[T], *, note: str = "", error_prefix: str = ""
    ) -> None:
        super().__init__(title)
        self.fields = list(fields)
        self.submit = submit
        self.note = note
        self.error_prefix = error_prefix

    def content(self) -> ComposeResult:
        if self.note:
            yield Static(self.note, classes="dialog-note")
        yield from self.fields
        with Horizontal(classes="dialog-buttons"):
            yield Button(_("OK"), variant="primary", id="ok")
            yield Button(_("Cancel"), id="cancel")

    def values(self) -> dict[str, str]:
        return {f.field_name: f.value for f in self.fields}

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            await self.action_save()
        else:
            self.dismiss(None)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_save()

    async def action_save(self) -> None:
        invalid = [f for f in self.fields if not f.check()]
        if invalid:
            invalid[0].input.focus()
            return
        dialog = self.query_one(".dialog")
        dialog.loading = True
        try:
            result = await self.submit(self.values())
        except ApiError as error:
            leftover = place_errors(error, self.fields, self.error_prefix)
            if leftover or not error.problem.errors:
                self.notify(
                    "; ".join(leftover) or error.message, title=error.problem.title, severity="error", timeout=8
                )
            return
        finally:
            dialog.loading = False
        self.dismiss(result)


def reason_field(value: str = "") -> FormField:
    return FormField(_("Reason (kept in the audit log)"), "reason", value=value, validators=[required(_("a reason"))])


def reason_modal(title: str, act: Callable[[str], Awaitable[T]], note: str = "") -> FormModal[T]:
    """A dialog asking only for the reason, then doing ``act(reason)``."""
    return FormModal(title, [reason_field()], lambda values: act(values["reason"]), note=note)


class ConfirmModal(Dialog[bool]):
    """A yes/no question; dismisses with the answer (escape: no)."""

    CANCELLED = False
    BINDINGS = [Binding("y", "answer(True)", N_("Yes"))]

    def content(self) -> ComposeResult:
        with Horizontal(classes="dialog-buttons"):
            yield Button(_("Yes"), variant="warning", id="yes")
            yield Button(_("No"), variant="primary", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
