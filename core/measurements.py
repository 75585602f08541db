"""An event's measurements checked against what the standard in force reads, before judging.

Each control kind declares the measurement a control reads (a
:class:`~core.types.MeasurementSpec`: type, range, possible values). When the standards
snapshot loads, every version's controls are compiled once into a :class:`MeasurementSchema`
(key → the checks its value must pass), so recording an event costs a dictionary lookup and
a comparison or two per key. A measurement that breaks a check is a wrong input, not a failed
control: the event is refused whole (422, naming ``measurements.<key>`` and the rule), so an
impossible value never opens a nonconformity or moves a score.

An event that no standard judges is still held to the general rules (:data:`MAX_MAGNITUDE`,
:data:`MAX_TEXT`), which are also all a kind that declares nothing gets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from core.types import ControlKind, MeasurementSpec

MAX_MAGNITUDE = 1e12
"""No count, duration, amount or score of one contact reaches this; bigger is a typo or junk."""
MAX_TEXT = 200
METRIC = re.compile(r"[a-z][a-z0-9_]*\Z")
"""What a control's ``metric`` looks like, so the only keys any standard can ever read."""
Check = tuple[Callable[[Any], bool], str]
"""Whether a value is possible, and the rule that says so (for the refusal)."""


def _general(value: Any) -> bool:
    kind = type(value)
    if kind is bool:
        return True
    if kind is int or kind is float:
        return -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE  # NaN compares false: refused too
    return kind is str and len(value) <= MAX_TEXT and "\x00" not in value


GENERAL: Check = (
    _general,
    f"must be true or false, a number of at most {MAX_MAGNITUDE:g} in size "
    f"or a text of at most {MAX_TEXT} characters (no NUL)",
)
"""NUL, which no PostgreSQL text holds, is never a measurement."""


def _choices_rule(choices: tuple[Any, ...]) -> str:
    return "must be one of " + ", ".join("true" if c is True else "false" if c is False else str(c) for c in choices)


def _shown(number: float) -> str:
    """A bound as a person reads it: 31622400 (not 3.16224e+07), 1e+12, 0.5."""
    return str(int(number)) if float(number).is_integer() and abs(number) < 1e9 else f"{number:g}"


def check_of(spec: MeasurementSpec) -> Check:
    """The check a value must pass to satisfy ``spec`` (built once per version in force)."""
    choices = spec.choices
    if spec.type == "boolean":
        return (
            ((lambda v: type(v) is bool and v in choices), _choices_rule(choices))
            if choices
            else ((lambda v: type(v) is bool), "must be true or false")
        )
    if spec.type == "text":
        if choices:
            return (lambda v: type(v) is str and v in choices), _choices_rule(choices)
        longest = min(spec.max_length, MAX_TEXT)
        return (
            (lambda v: type(v) is str and len(v) <= longest and "\x00" not in v),
            f"must be a text of at most {longest} characters (no NUL)",
        )
    types = (int,) if spec.type == "integer" else (int, float)
    if choices:
        return (lambda v: type(v) in types and v in choices), _choices_rule(choices)
    low = -MAX_MAGNITUDE if spec.minimum is None else max(spec.minimum, -MAX_MAGNITUDE)
    high = MAX_MAGNITUDE if spec.maximum is None else min(spec.maximum, MAX_MAGNITUDE)
    noun = "a whole number" if spec.type == "integer" else "a number"
    unit = f" ({spec.unit})" if spec.unit else ""
    return (
        lambda v: type(v) in types and low <= v <= high
    ), f"must be {noun} from {_shown(low)} to {_shown(high)}{unit}"


def _declaring(control: Mapping[str, Any], kinds: Mapping[str, ControlKind]) -> ControlKind | None:
    """``control``'s kind when it is installed and declares its measurement."""
    kind = kinds.get(control.get("kind", ""))
    return kind if kind is not None and kind.measurement is not None else None


def _check_for(control: Mapping[str, Any], kinds: Mapping[str, ControlKind]) -> Check | None:
    """The check of what ``control`` reads; the general rules when its kind declares nothing
    (or is not installed); ``None`` when it reads nothing per event."""
    kind = _declaring(control, kinds)
    if kind is None:
        return GENERAL
    spec = kind.measurement(dict(control))  # type: ignore[misc]
    return None if spec is None else check_of(spec)


class MeasurementSchema:
    """What one standard version reads from an event's measurements, and how to check them.

    ``label`` names the version in refusals (``counter_service version 1``). A schema for
    ``any_key`` (no standard in force) accepts every key under the general rules.
    """

    __slots__ = ("any_key", "checks", "label")

    def __init__(self, label: str, checks: dict[str, tuple[Check, ...]], *, any_key: bool = False) -> None:
        self.label, self.checks, self.any_key = label, checks, any_key

    @classmethod
    def compile(
        cls, label: str, controls: Iterable[Mapping[str, Any]], kinds: Mapping[str, ControlKind]
    ) -> MeasurementSchema:
        checks: dict[str, list[Check]] = {}
        for control in controls:
            if (check := _check_for(control, kinds)) is not None:
                checks.setdefault(control["metric"], []).append(check)
        return cls(label, {key: tuple(found) for key, found in checks.items()})

    @property
    def reads(self) -> tuple[str, ...]:
        """The keys some control of the version reads, in the controls' order."""
        return tuple(self.checks)

    def read_from(self, measurements: Mapping[str, Any]) -> dict[str, Any]:
        """Only the measurements the version reads (for values a plugin computes itself);
        all of them where no standard is in force."""
        if self.any_key:
            return dict(measurements)
        return {key: value for key, value in measurements.items() if key in self.checks}

    def problems(self, measurements: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Every key that no control reads or whose value is impossible, with the rule; a
        ``None`` value means "not measured" and is fine for a key that is read."""
        found = []
        for key, value in measurements.items():
            checks = self.checks.get(key)
            if checks is None:
                if not self.any_key:
                    reads = ", ".join(self.checks) or "nothing per event"
                    found.append((f"measurements.{key}", f"no control of {self.label} reads it (it reads {reads})"))
                    continue
                if not METRIC.match(key):
                    found.append(
                        (f"measurements.{key}", "is no metric name (a small letter, then small letters, digits or _)")
                    )
                    continue
                checks = (GENERAL,)
            if value is None:
                continue
            for accepts, rule in checks:
                if not accepts(value):
                    found.append((f"measurements.{key}", rule))
                    break
        return found


def conflicts(controls: list[Mapping[str, Any]], kinds: Mapping[str, ControlKind]) -> list[tuple[int, str]]:
    """Controls that read one metric as values of different types (a number and true/false):
    no event could satisfy both, so a standard like that is refused when it is saved."""
    first: dict[str, tuple[int, str]] = {}
    found = []
    for index, control in enumerate(controls):
        kind = _declaring(control, kinds)
        spec = kind.measurement(dict(control)) if kind is not None else None  # type: ignore[misc]
        if spec is None:
            continue
        family = "number" if spec.type in ("number", "integer") else spec.type
        earlier = first.setdefault(control["metric"], (index, family))
        if earlier[1] != family:
            found.append(
                (
                    index,
                    f"'{control['metric']}' is read as {earlier[1]} by controls[{earlier[0]}], "
                    f"as {family} here; a measurement has one type",
                )
            )
    return found


OPEN = MeasurementSchema("no standard", {}, any_key=True)
"""For an event no standard judges: any key, under the general rules."""
