"""The dialogs that act on work orders: intake, a step with its note, the resolution, and the
decision on a further extension. Each submits through the plugin's API and stays open until
the API agrees, showing its field errors at the fields (:class:`console.screens.modals.FormModal`).

What can be checked here is refused before anything is sent, by the API's own rules where
they are pure: the compensation rule is :meth:`ResolveIn.problems`, run as you type.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal, InvalidOperation

from textual.validation import ValidationResult, Validator

from console.sdk import (
    ApiClient,
    Choice,
    FormField,
    FormModal,
    PickField,
    client_search,
    local_problem,
    unit_search,
)
from plugins.complaints.schemas import (
    ContactIn,
    ExtensionOut,
    IntakeIn,
    OrderOut,
    ResolveIn,
)
from plugins.complaints.screens.show import CHANNELS, SEVERITIES, category

YES_NO = [("yes", "true"), ("no", "false")]
ASKED = [("not recorded", ""), ("yes", "true"), ("no", "false")]
TakeIn = Callable[[str, IntakeIn], Awaitable[OrderOut]]


def _flag(value: str) -> bool | None:
    return None if value == "" else value == "true"


class CompensationRule(Validator):
    """An amount in CNY, zero or more, two decimal places at most (the API's rule)."""

    def validate(self, value: str) -> ValidationResult:
        try:
            amount = Decimal(value.strip() or "0")
        except InvalidOperation:
            return self.failure("compensation must be an amount such as 200 or 88.50")
        if not amount.is_finite():
            return self.failure("compensation must be an amount such as 200 or 88.50")
        problems = ResolveIn(resolution="-", justified=False, apology_given=False, compensation=amount).problems()
        return self.failure(problems[0][1]) if problems else self.success()


def note_form(title: str, act: Callable[[str], Awaitable[OrderOut]], note: str = "") -> FormModal[OrderOut]:
    """A step that takes only a note (kept in the order's steps, never in the audit log)."""
    return FormModal(
        title,
        [FormField("Note", "note", placeholder="what was done (optional)")],
        lambda values: act(values["note"]),
        note=note,
    )


class ResolveForm(FormModal[OrderOut]):
    """The proposed resolution: justified or not, apology, compensation."""

    CSS = "ResolveForm .form-label { width: 14; } ResolveForm .form-error { padding-left: 14; }"

    def __init__(self, resolve: Callable[[ResolveIn], Awaitable[OrderOut]]) -> None:
        self.resolve = resolve
        super().__init__(
            "Resolve the complaint",
            [
                FormField("Resolution", "resolution", lines=True),
                FormField("Justified", "justified", choices=YES_NO),
                FormField("Apology", "apology_given", choices=YES_NO),
                FormField(
                    "Compensation",
                    "compensation",
                    value="0",
                    validators=[CompensationRule()],
                    placeholder="CNY, e.g. 200.00",
                ),
                FormField("Note", "note"),
            ],
            self._submit,
            note="A justified complaint counts against the staff member's and the unit's scores.",
        )

    async def _submit(self, values: dict[str, str]) -> OrderOut:
        if not values["resolution"]:
            raise local_problem([("resolution", "the resolution is required")])
        resolution = ResolveIn(
            resolution=values["resolution"],
            justified=values["justified"] == "true",
            apology_given=values["apology_given"] == "true",
            compensation=Decimal(values["compensation"] or "0"),
            note=values["note"],
        )
        if problems := resolution.problems():
            raise local_problem(problems)
        return await self.resolve(resolution)


def decision_form(extension: ExtensionOut, decide: Callable[[bool, str], Awaitable[OrderOut]]) -> FormModal[OrderOut]:
    """Approve or reject a further extension; a rejection gives its reason as the note."""

    async def submit(values: dict[str, str]) -> OrderOut:
        approve = values["approve"] == "true"
        if not approve and not values["note"]:
            raise local_problem([("note", "a rejection needs its reason")])
        return await decide(approve, values["note"])

    return FormModal(
        f"Further extension asked by {extension.requested_by}",
        [
            FormField("Decision", "approve", choices=[("approve", "true"), ("reject", "false")]),
            FormField("Note", "note", placeholder="required when rejecting: why"),
        ],
        submit,
        note=f"Reason given: {extension.reason}",
    )


class IntakeForm(FormModal[OrderOut]):
    """A complaint as it arrives: the unit complained about, channel, category, severity, the
    client (or an anonymous complainant's contact) and what they said."""

    CSS = "IntakeForm .dialog { overflow-y: auto; }"

    def __init__(self, api: ApiClient, unit: str, categories: list[str], take_in: TakeIn) -> None:
        self.take_in = take_in
        super().__init__(
            "Take a complaint in",
            [
                PickField("Unit", "unit", unit_search(api, unit), choice=Choice(unit, unit)),
                FormField("Channel", "channel", choices=[(f"{name} {code}", code) for code, name in CHANNELS.items()]),
                FormField("Category", "category", choices=[(f"{category(code)} {code}", code) for code in categories]),
                FormField(
                    "Severity",
                    "severity",
                    value="medium",
                    choices=[(f"{name} {code}", code) for code, name in SEVERITIES.items()],
                ),
                PickField(
                    "Client",
                    "client",
                    client_search(api, unit),
                    required=False,
                    prompt="choose by name; none for an anonymous complainant",
                ),
                FormField("Name", "contact.name"),
                FormField("Phone", "contact.phone"),
                FormField("E-mail", "contact.email"),
                FormField("Content", "content", lines=True),
                FormField("Told limit", "told_time_limit", choices=ASKED),
                FormField("Reference", "reference_given", choices=ASKED),
            ],
            self._submit,
        )

    async def _submit(self, values: dict[str, str]) -> OrderOut:
        contact = ContactIn(
            name=values["contact.name"] or None,
            phone=values["contact.phone"] or None,
            email=values["contact.email"] or None,
        )
        problems = []
        if not values["content"]:
            problems.append(("content", "what the client complains about is required"))
        if not values["client"] and not (contact.phone or contact.email):
            problems.append(("contact.phone", "an anonymous complainant needs a phone or an e-mail to be answered"))
        if problems:
            raise local_problem(problems)
        return await self.take_in(
            values["unit"],
            IntakeIn(
                channel=values["channel"],
                category=values["category"],
                severity=values["severity"],  # type: ignore[arg-type]
                content=values["content"],
                client=values["client"] or None,
                contact=contact if contact.name or contact.phone or contact.email else None,
                told_time_limit=_flag(values["told_time_limit"]),
                reference_given=_flag(values["reference_given"]),
            ),
        )
