"""The core's control kinds: the measurable checks a standard's controls are made of.

A control is a small document (``key``, ``name``, ``kind``, ``metric``, ``comparator``,
``threshold``, ``unit``, ``severity``, ``params``). Its kind validates it when a standard is
saved, declares the measurement it reads (so an impossible value is refused before it is
judged, see :mod:`core.measurements`) and judges each service event's measurements against
it. The core ships four kinds through its own ``register_control_kinds`` hook; plugins add
more the same way.

* ``compare``: a number against a threshold, e.g. ``wait_minutes <= 15``. The measurement is
  a finite number in the range ``params.min`` … ``params.max`` when the control gives them,
  else the range its ``unit`` allows (:data:`UNIT_RANGES`: a duration is never negative nor
  longer than a year, a share lies in 0–100 %), else at most ``MAX_MAGNITUDE`` in size.
* ``boolean``: a yes/no measurement, e.g. ``service_log_written == true``; it must be true
  or false.
* ``one_of``: a value from (or not from) a list, e.g. ``greeting in [standard, vip]``. The
  measurement has the type of the listed values; ``params.choices`` lists every value it can
  take (``[standard, vip, none]``: ``none`` fails the control, ``hello`` is refused).
* ``frequency_by_tier``: how often clients of a tier must have this contact per period,
  e.g. gold clients visited at least once a month. It is judged over a period (by the
  compliance report), not per event, so it reads no measurement and per event it does not
  apply.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from core.types import ControlKind, ControlOutcome, MeasurementSpec

NUMERIC_COMPARATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
    "!=": operator.ne,
}
PERIODS = ("week", "month", "quarter", "year")
NOT_MEASURED = ControlOutcome(passed=None, note="not measured")
YEAR = 366
UNIT_RANGES: dict[str, tuple[float, float]] = {
    "s": (0, YEAR * 86400),
    "min": (0, YEAR * 1440),
    "h": (0, YEAR * 24),
    "d": (0, YEAR),
    "%": (0, 100),
}
"""The possible values of a measurement by the control's ``unit``: no contact takes a
negative time or longer than a year, no share exceeds 100 %."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _range(control: dict[str, Any]) -> tuple[Any, Any]:
    """The possible range of a compare control's measurement: its params, else its unit's."""
    params = control.get("params") or {}
    low, high = UNIT_RANGES.get(control.get("unit") or "", (None, None))
    return params.get("min", low), params.get("max", high)


def _validate_compare(control: dict[str, Any]) -> list[str]:
    problems = []
    if control.get("comparator") not in NUMERIC_COMPARATORS:
        problems.append(f"comparator must be one of {', '.join(NUMERIC_COMPARATORS)}")
    threshold = control.get("threshold")
    if not _is_number(threshold):
        problems.append("threshold must be a number")
    low, high = _range(control)
    bounds = [bound for bound in (low, high) if bound is not None]
    if not all(_is_number(bound) for bound in bounds):
        problems.append("params.min and params.max must be numbers")
    elif low is not None and high is not None and low > high:
        problems.append("params.min must not exceed params.max")
    elif _is_number(threshold) and not ((low is None or low <= threshold) and (high is None or threshold <= high)):
        span = (
            f"{low} to {high}"
            if low is not None and high is not None
            else f"at least {low}"
            if low is not None
            else f"at most {high}"
        )
        problems.append(f"threshold must lie within the possible values ({span})")
    return problems


def _measure_compare(control: dict[str, Any]) -> MeasurementSpec:
    low, high = _range(control)
    return MeasurementSpec(type="number", minimum=low, maximum=high, unit=control.get("unit") or "")


def _on_measurement(
    judge: Callable[[dict[str, Any], Any], ControlOutcome],
) -> Callable[[dict[str, Any], dict[str, Any]], ControlOutcome]:
    """An ``evaluate`` that judges the control's metric, or says "not measured" without it."""

    def evaluate(control: dict[str, Any], measurements: dict[str, Any]) -> ControlOutcome:
        value = measurements.get(control["metric"])
        return NOT_MEASURED if value is None else judge(control, value)

    return evaluate


@_on_measurement
def _evaluate_compare(control: dict[str, Any], value: Any) -> ControlOutcome:
    if not _is_number(value):
        return ControlOutcome(passed=False, measured=value, expected=control["threshold"], note="not a number")
    passed = NUMERIC_COMPARATORS[control["comparator"]](value, control["threshold"])
    return ControlOutcome(passed=passed, measured=value, expected=control["threshold"])


def _validate_boolean(control: dict[str, Any]) -> list[str]:
    problems = []
    if control.get("comparator", "==") not in ("==", "!="):
        problems.append("comparator must be == or !=")
    if not isinstance(control.get("threshold"), bool):
        problems.append("threshold must be true or false")
    return problems


def _measure_boolean(control: dict[str, Any]) -> MeasurementSpec:
    return MeasurementSpec(type="boolean")


@_on_measurement
def _evaluate_boolean(control: dict[str, Any], value: Any) -> ControlOutcome:
    equal = value is control["threshold"] if isinstance(value, bool) else False
    passed = equal if control.get("comparator", "==") == "==" else not equal
    return ControlOutcome(passed=passed, measured=value, expected=control["threshold"])


def _value_type(values: list[Any]) -> str | None:
    """The one measurement type of a list of values (``None`` when they mix types or are not scalars)."""
    types = {
        "boolean" if isinstance(v, bool) else "number" if _is_number(v) else "text" if isinstance(v, str) else "other"
        for v in values
    }
    return next(iter(types)) if len(types) == 1 and "other" not in types else None


def _validate_one_of(control: dict[str, Any]) -> list[str]:
    problems = []
    if control.get("comparator", "in") not in ("in", "not_in"):
        problems.append("comparator must be in or not_in")
    threshold = control.get("threshold")
    if not isinstance(threshold, list) or not threshold:
        problems.append("threshold must be a non-empty list of values")
    elif _value_type(threshold) is None:
        problems.append("threshold values must all be texts, all numbers or all true/false")
    choices = (control.get("params") or {}).get("choices")
    if choices is not None:
        if not isinstance(choices, list) or not choices or _value_type(choices) is None:
            problems.append("params.choices must be a non-empty list of values of one type")
        elif isinstance(threshold, list) and (missing := [v for v in threshold if v not in choices]):
            problems.append(f"params.choices must list every threshold value; missing: {', '.join(map(str, missing))}")
    return problems


def _measure_one_of(control: dict[str, Any]) -> MeasurementSpec:
    choices = (control.get("params") or {}).get("choices") or []
    kind = _value_type(choices or control["threshold"]) or "text"
    return MeasurementSpec(type=kind, choices=tuple(choices))  # type: ignore[arg-type]


@_on_measurement
def _evaluate_one_of(control: dict[str, Any], value: Any) -> ControlOutcome:
    inside = value in control["threshold"]
    passed = inside if control.get("comparator", "in") == "in" else not inside
    return ControlOutcome(passed=passed, measured=value, expected=control["threshold"])


def _validate_frequency(control: dict[str, Any]) -> list[str]:
    params = control.get("params") or {}
    problems = []
    if not isinstance(params.get("tier"), str) or not params.get("tier"):
        problems.append("params.tier must name a client tier")
    if params.get("period") not in PERIODS:
        problems.append(f"params.period must be one of {', '.join(PERIODS)}")
    at_least = params.get("at_least")
    if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
        problems.append("params.at_least must be a whole number of at least 1")
    return problems


def _measure_frequency(control: dict[str, Any]) -> None:
    return None  # counted from the events themselves, per period: no measurement per event


def _evaluate_frequency(control: dict[str, Any], measurements: dict[str, Any]) -> ControlOutcome:
    return ControlOutcome(passed=None, note="judged per period by the compliance report")


CORE_CONTROL_KINDS = [
    ControlKind(
        name="compare",
        description="A measured number against a threshold (wait_minutes <= 15)",
        validate=_validate_compare,
        evaluate=_evaluate_compare,
        measurement=_measure_compare,
    ),
    ControlKind(
        name="boolean",
        description="A yes/no measurement (service_log_written == true)",
        validate=_validate_boolean,
        evaluate=_evaluate_boolean,
        measurement=_measure_boolean,
    ),
    ControlKind(
        name="one_of",
        description="A value in (or not in) a list (greeting in [standard, vip])",
        validate=_validate_one_of,
        evaluate=_evaluate_one_of,
        measurement=_measure_one_of,
    ),
    ControlKind(
        name="frequency_by_tier",
        description="Clients of a tier have this contact at least N times per period",
        validate=_validate_frequency,
        evaluate=_evaluate_frequency,
        measurement=_measure_frequency,
    ),
]
