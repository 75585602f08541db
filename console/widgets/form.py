"""Form fields that say what is wrong where it is wrong.

A :class:`FormField` is a label, an input (or a select) and a line for its message. Local
rules (Textual validators: a number where a number is needed, a reason that is not blank)
speak as you type; the API's verdict arrives as a problem document whose ``errors`` name
fields (``reason``, ``controls[2].threshold``), and :func:`place_errors` puts each message
under the field of that name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import Function, ValidationResult, Validator
from textual.widgets import Input, Label, Select, Static, TextArea

from console.api import ApiError
from core.i18n import _

if TYPE_CHECKING:
    from console.screens.pick_field import PickButton


def required(what: str | None = None) -> Validator:
    """A field that must not be blank; ``what`` names it in the message (in the console's language)."""
    return Function(lambda text: bool(text.strip()), _("{what} is required").format(what=what or _("a value")))


class Parsed(Validator):
    """Valid when ``parse(text)`` accepts the text; the ``ValueError`` it raises is the
    message shown at the field (so one parser both checks as you type and reads the value)."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        super().__init__()
        self.parse = parse

    def validate(self, value: str) -> ValidationResult:
        try:
            self.parse(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class FormField(Vertical):
    """A labelled input, named after the API field it fills, with its message beneath."""

    def __init__(
        self,
        label: str,
        name: str,
        *,
        value: str = "",
        validators: Sequence[Validator] = (),
        placeholder: str = "",
        choices: Sequence[tuple[str, str]] | None = None,
        lines: bool = False,
    ) -> None:
        super().__init__(classes="form-field -lines" if lines else "form-field")
        self.label = label
        self.field_name = name
        if lines:
            self.input: Input | Select[str] | TextArea | PickButton = TextArea(value, soft_wrap=True)
        elif choices is not None:
            self.input = Select(choices, value=value or choices[0][1], allow_blank=False, compact=True)
        else:
            self.input = Input(
                value,
                placeholder=placeholder,
                validators=list(validators),
                validate_on=["changed", "submitted"],
                compact=True,
            )

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(self.label, classes="form-label")
            yield self.input
        yield Static("", classes="form-error")

    @property
    def value(self) -> str:
        if isinstance(self.input, TextArea):
            return self.input.text.strip()
        return str(self.input.value).strip()

    @property
    def lines(self) -> list[str]:
        """A multi-line field's value as items, one a line (blank lines dropped)."""
        return [line.strip() for line in self.value.splitlines() if line.strip()]

    def check(self) -> bool:
        """Run the local rules now; show the first failure at the field."""
        if not isinstance(self.input, Input):
            return True
        result = self.input.validate(self.input.value)
        self.show_error(None if result is None or result.is_valid else result.failure_descriptions[0])
        return result is None or result.is_valid

    def show_error(self, message: str | None) -> None:
        self.query_one(".form-error", Static).update(message or "")
        self.set_class(bool(message), "-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        self.show_error(None if result is None or result.is_valid else result.failure_descriptions[0])


def place_errors(error: ApiError, fields: Iterable[FormField], prefix: str = "") -> list[str]:
    """Show each of the problem's field errors at the field named ``prefix + name`` (a
    list field also takes its items' errors: ``outputs.procedure[2]``); returns the
    messages no field here could take."""
    by_name = {prefix + f.field_name: f for f in fields}
    for f in by_name.values():
        f.show_error(None)
    leftover = []
    for item in error.problem.errors:
        target = by_name.get(item.field) or by_name.get(item.field.split("[", 1)[0])
        if target is None:
            leftover.append(f"{item.field}: {item.message}")
        elif not target.has_class("-invalid"):
            target.show_error(item.message)
    return leftover
