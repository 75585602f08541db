"""What a standard version says: outputs, inputs and controls, and the rules they obey.

The same Structs serve the API bodies and the TOML files, so a standard means the same thing
whichever door it came in by. Validation names the field of each problem
(``controls[2].threshold``) so the API, the console and the TOML importer can point at it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from core.errors import FieldProblem
from core.i18n import _
from core.measurements import conflicts
from core.types import ControlKind

Text = Annotated[str, msgspec.Meta(max_length=4000)]
Key = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Severity = Literal["minor", "major", "critical"]


class Outputs(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """服务规范: the scope of the contact, its procedure (ordered steps), skills, etiquette."""

    scope: Text = ""
    procedure: list[Text] = msgspec.field(default_factory=list)
    skills: list[Text] = msgspec.field(default_factory=list)
    etiquette: list[Text] = msgspec.field(default_factory=list)


class Inputs(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """服务提供规范: requirements on staff, facilities, supplies and environment."""

    staff: list[Text] = msgspec.field(default_factory=list)
    facilities: list[Text] = msgspec.field(default_factory=list)
    supplies: list[Text] = msgspec.field(default_factory=list)
    environment: list[Text] = msgspec.field(default_factory=list)


class Control(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """服务控制规范: one named measurable check, e.g. ``wait_minutes <= 15``."""

    key: Key
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    kind: str
    metric: Key
    comparator: str | None = None
    threshold: Any = None
    unit: str = ""
    severity: Severity = "minor"
    params: dict[str, Any] = msgspec.field(default_factory=dict)


class StandardContent(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    outputs: Outputs = msgspec.field(default_factory=Outputs)
    inputs: Inputs = msgspec.field(default_factory=Inputs)
    controls: list[Control] = msgspec.field(default_factory=list)
    note: Text = ""


def control_problems(content: StandardContent, kinds: dict[str, ControlKind]) -> list[tuple[str, str]]:
    """Every rule a standard's controls break, as (field, message) pairs."""
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, control in enumerate(content.controls):
        where = f"controls[{i}]"
        if control.key in seen:
            problems.append((f"{where}.key", _("'{key}' is used by another control").format(key=control.key)))
        seen.add(control.key)
        kind = kinds.get(control.kind)
        if kind is None:
            problems.append(
                (
                    f"{where}.kind",
                    _("unknown kind '{kind}'; known: {known}").format(
                        kind=control.kind, known=", ".join(sorted(kinds))
                    ),
                )
            )
            continue
        for message in kind.validate(msgspec.to_builtins(control)):
            field = next((f for f in ("comparator", "threshold", "params") if message.startswith(f)), "kind")
            problems.append((f"{where}.{field}", message))
    if not problems:  # each control is sound: do they agree on what each metric is?
        controls = [msgspec.to_builtins(c) for c in content.controls]
        problems += [(f"controls[{i}].metric", message) for i, message in conflicts(controls, kinds)]
    return problems


def check(content: StandardContent, kinds: dict[str, ControlKind]) -> None:
    if problems := control_problems(content, kinds):
        raise FieldProblem(problems)
