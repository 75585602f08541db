"""A form field that holds a record chosen by name: a client, a member of staff, a unit, a
perk. It shows the chosen name; Enter (or a click) opens a :class:`SearchPicker` over the
API's list, and the field's value is the chosen record's id, which is what the form sends.
Nobody types a ``cl_…`` id."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Button

from console.screens.pickers import Choice, Search, SearchPicker
from console.widgets.form import FormField
from core.i18n import _


class PickButton(Button):
    """The field's face: the chosen name, or what to choose; ``value`` is the chosen id."""

    def __init__(self, prompt: str, choice: Choice | None) -> None:
        super().__init__(choice.name if choice else prompt, compact=True, classes="pick")
        self.prompt = prompt
        self.value = choice.value if choice else ""


class PickField(FormField):
    """A labelled choice of one record found by name (``search``), named after the API field
    it fills; ``required`` (the default) refuses to submit without one."""

    def __init__(
        self,
        label: str,
        name: str,
        search: Search,
        *,
        title: str = "",
        choice: Choice | None = None,
        required: bool = True,
        prompt: str = "",
    ) -> None:
        super().__init__(label, name)
        self.search = search
        self.title = title or label
        self.required = required
        self.choice = choice
        self.button = PickButton(prompt or _("choose by name…"), choice)
        self.input = self.button

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()  # the form's own buttons (OK, cancel) must not hear it
        self.app.push_screen(SearchPicker(self.title, self.search), self.chosen)

    def chosen(self, choice: Choice | None) -> None:
        if choice is None:
            return
        self.choice = choice
        self.button.value = choice.value
        self.button.label = f"{choice.name}  {choice.detail}".strip()
        self.show_error(None)
        self.post_message(self.Picked(self, choice))

    def check(self) -> bool:
        missing = self.required and not self.value
        self.show_error(_("choose one") if missing else None)
        return not missing

    class Picked(Message):
        """A record was chosen (a form may fill other fields from it)."""

        def __init__(self, field: PickField, choice: Choice) -> None:
            super().__init__()
            self.field = field
            self.choice = choice
