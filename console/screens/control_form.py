"""The dialog that adds or edits one control of a draft standard.

Every field checks what it can as you type (a key's pattern, a threshold that must be a
number for a ``compare`` control); on submit the kind's own rules run locally, then the
draft is saved through the API, whose field errors (``controls[3].threshold``) land at the
same fields. The dialog closes only once the API has accepted the draft.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.validation import Regex
from textual.widgets import Select

from console.content import local_problem, show_value
from console.labels import word
from console.screens.modals import FormModal
from console.validation import KINDS, control_problems, parse_params, parse_threshold
from console.widgets.form import FormField, Parsed, required
from core.api.schemas.standards import VersionOut
from core.i18n import N_, _

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
KEY_RULE = N_("lower-case letters, digits and _, starting with a letter")
COMPARATORS = ("<=", "<", ">=", ">", "==", "!=", "in", "not_in")
SEVERITIES = ("minor", "major", "critical")
SaveControl = Callable[[dict[str, Any]], Awaitable[VersionOut]]


class ControlForm(FormModal[VersionOut]):
    """Add a control (``control`` None) or edit one; ``save`` stores the draft with it."""

    def __init__(self, control: dict[str, Any] | None, index: int, save: SaveControl) -> None:
        c = control or {}
        kinds = sorted({*KINDS, c.get("kind", "compare")})
        self.kind = FormField(_("Kind"), "kind", value=c.get("kind", "compare"), choices=[(k, k) for k in kinds])
        self.threshold = FormField(
            _("Threshold"),
            "threshold",
            value=show_value(c.get("threshold")),
            validators=[Parsed(lambda text: parse_threshold(self.kind.value, text))],
            placeholder="15",
        )
        self.save = save
        self.index = index
        fields = [
            FormField(
                _("Key"),
                "key",
                value=c.get("key", ""),
                validators=[Regex(KEY_PATTERN, failure_description=_(KEY_RULE))],
            ),
            FormField(_("Name"), "name", value=c.get("name", ""), validators=[required(_("a name"))]),
            self.kind,
            FormField(
                _("Metric"),
                "metric",
                value=c.get("metric", ""),
                validators=[Regex(KEY_PATTERN, failure_description=_(KEY_RULE))],
                placeholder="wait_minutes",
            ),
            FormField(
                _("Comparator"),
                "comparator",
                value=c.get("comparator") or "",
                choices=[(_("(none)"), ""), *((op, op) for op in COMPARATORS)],
            ),
            self.threshold,
            FormField(_("Unit of measure"), "unit", value=c.get("unit", ""), placeholder=_("minutes")),
            FormField(
                _("Severity"),
                "severity",
                value=c.get("severity", "minor"),
                choices=[(word(s), s) for s in SEVERITIES],
            ),
            FormField(
                _("Params"),
                "params",
                value=show_value(c.get("params") or {}),
                validators=[Parsed(parse_params)],
                placeholder="tier=gold, period=month, at_least=1",
            ),
        ]
        title = _("Add a control") if control is None else _("Edit control {key}").format(key=c.get("key", ""))
        super().__init__(title, fields, self._submit, error_prefix=f"controls[{index}].")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select is self.kind.input and self.threshold.value:
            self.threshold.check()

    async def _submit(self, values: dict[str, str]) -> VersionOut:
        control = {
            "key": values["key"],
            "name": values["name"],
            "kind": values["kind"],
            "metric": values["metric"],
            "comparator": values["comparator"] or None,
            "threshold": parse_threshold(values["kind"], values["threshold"]),
            "unit": values["unit"],
            "severity": values["severity"],
            "params": parse_params(values["params"]),
        }
        if problems := control_problems(control):
            raise local_problem([(f"controls[{self.index}].{field}", message) for field, message in problems])
        return await self.save(control)
