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
from plugins.complaints.i18n import _
from plugins.complaints.schemas import (
    ContactIn,
    ExtensionOut,
    IntakeIn,
    OrderOut,
    ResolveIn,
)
from plugins.complaints.screens.show import category
from plugins.complaints.terms import CHANNELS, SEVERITIES

TakeIn = Callable[[str, IntakeIn], Awaitable[OrderOut]]


def yes_no() -> list[tuple[str, str]]:
    return [(_("yes"), "true"), (_("no"), "false")]


def asked() -> list[tuple[str, str]]:
    """Whether the complainant was told something: yes, no, or not recorded."""
    return [(_("not recorded"), ""), *yes_no()]


def _flag(value: str) -> bool | None:
    return None if value == "" else value == "true"


class CompensationRule(Validator):
    """An amount in CNY, zero or more, two decimal places at most (the API's rule)."""

    def validate(self, value: str) -> ValidationResult:
        try:
            amount = Decimal(value.strip() or "0")
        except InvalidOperation:
            return self.failure(_("compensation must be an amount such as 200 or 88.50"))
        if not amount.is_finite():
            return self.failure(_("compensation must be an amount such as 200 or 88.50"))
        problems = ResolveIn(resolution="-", justified=False, apology_given=False, compensation=amount).problems()
        return self.failure(problems[0][1]) if problems else self.success()


def note_form(title: str, act: Callable[[str], Awaitable[OrderOut]], note: str = "") -> FormModal[OrderOut]:
    """A step that takes only a note (kept in the order's steps, never in the audit log)."""
    return FormModal(
        title,
        [FormField(_("Note"), "note", placeholder=_("what was done (optional)"))],
        lambda values: act(values["note"]),
        note=note,
    )


class ResolveForm(FormModal[OrderOut]):
    """The proposed resolution: justified or not, apology, compensation."""

    CSS = "ResolveForm .form-label { width: 14; } ResolveForm .form-error { padding-left: 14; }"

    def __init__(self, resolve: Callable[[ResolveIn], Awaitable[OrderOut]]) -> None:
        self.resolve = resolve
        super().__init__(
            _("Resolve the complaint"),
            [
                FormField(_("Resolution"), "resolution", lines=True),
                FormField(_("Justified"), "justified", choices=yes_no()),
                FormField(_("Apology"), "apology_given", choices=yes_no()),
                FormField(
                    _("Compensation"),
                    "compensation",
                    value="0",
                    validators=[CompensationRule()],
                    placeholder=_("yuan, e.g. 200.00"),
                ),
                FormField(_("Note"), "note"),
            ],
            self._submit,
            note=_("A justified complaint counts against the staff member's and the unit's scores."),
        )

    async def _submit(self, values: dict[str, str]) -> OrderOut:
        if not values["resolution"]:
            raise local_problem([("resolution", _("the resolution is required"))])
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
            raise local_problem([("note", _("a rejection needs its reason"))])
        return await decide(approve, values["note"])

    return FormModal(
        _("Further extension asked by {staff}").format(staff=extension.requested_by),
        [
            FormField(_("Decision"), "approve", choices=[(_("approve"), "true"), (_("reject"), "false")]),
            FormField(_("Note"), "note", placeholder=_("required when rejecting: why")),
        ],
        submit,
        note=_("Reason given: {reason}").format(reason=extension.reason),
    )


class IntakeForm(FormModal[OrderOut]):
    """A complaint as it arrives: the unit complained about, channel, category, severity, the
    client (or an anonymous complainant's contact) and what they said."""

    CSS = "IntakeForm .dialog { overflow-y: auto; }"

    def __init__(self, api: ApiClient, unit: str, categories: list[str], take_in: TakeIn) -> None:
        self.take_in = take_in
        super().__init__(
            _("Take a complaint in"),
            [
                PickField(_("Unit"), "unit", unit_search(api, unit), title=_("Which unit?"), choice=Choice(unit, unit)),
                FormField(_("Channel"), "channel", choices=[(str(name), code) for code, name in CHANNELS.items()]),
                FormField(_("Category"), "category", choices=[(category(code), code) for code in categories]),
                FormField(
                    _("Severity"),
                    "severity",
                    value="medium",
                    choices=[(str(name), code) for code, name in SEVERITIES.items()],
                ),
                PickField(
                    _("Client"),
                    "client",
                    client_search(api, unit),
                    title=_("Which client?"),
                    required=False,
                    prompt=_("choose by name; none for an anonymous complainant"),
                ),
                FormField(_("Name"), "contact.name"),
                FormField(_("Phone"), "contact.phone"),
                FormField(_("E-mail"), "contact.email"),
                FormField(_("Content"), "content", lines=True),
                FormField(_("Told limit"), "told_time_limit", choices=asked()),
                FormField(_("Reference"), "reference_given", choices=asked()),
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
            problems.append(("content", _("what the client complains about is required")))
        if not values["client"] and not (contact.phone or contact.email):
            problems.append(("contact.phone", _("an anonymous complainant needs a phone or an e-mail to be answered")))
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
