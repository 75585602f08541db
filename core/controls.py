"""The core's control kinds: the measurable checks a standard's controls are made of.

A control is a small document (``key``, ``name``, ``kind``, ``metric``, ``comparator``,
``threshold``, ``unit``, ``severity``, ``params``). Its kind validates it when a standard is
saved and judges each service event's measurements against it. The core ships four kinds
through its own ``register_control_kinds`` hook; plugins add more the same way.

* ``compare``: a number against a threshold, e.g. ``wait_minutes <= 15``.
* ``boolean``: a yes/no measurement, e.g. ``service_log_written == true``.
* ``one_of``: a value from (or not from) a list, e.g. ``greeting in [standard, vip]``.
* ``frequency_by_tier``: how often clients of a tier must have this contact per period,
  e.g. gold clients visited at least once a month. It is judged over a period (by the
  compliance report), not per event, so per event it does not apply.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from core.types import ControlKind, ControlOutcome

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


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _validate_compare(control: dict[str, Any]) -> list[str]:
    problems = []
    if control.get("comparator") not in NUMERIC_COMPARATORS:
        problems.append(f"comparator must be one of {', '.join(NUMERIC_COMPARATORS)}")
    if not _is_number(control.get("threshold")):
        problems.append("threshold must be a number")
    return problems


def _on_measurement(judge: Callable[[dict[str, Any], Any], ControlOutcome]) -> Callable[
        [dict[str, Any], dict[str, Any]], ControlOutcome]:
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


@_on_measurement
def _evaluate_boolean(control: dict[str, Any], value: Any) -> ControlOutcome:
    equal = value is control["threshold"] if isinstance(value, bool) else False
    passed = equal if control.get("comparator", "==") == "==" else not equal
    return ControlOutcome(passed=passed, measured=value, expected=control["threshold"])


def _validate_one_of(control: dict[str, Any]) -> list[str]:
    problems = []
    if control.get("comparator", "in") not in ("in", "not_in"):
        problems.append("comparator must be in or not_in")
    threshold = control.get("threshold")
    if not isinstance(threshold, list) or not threshold:
        problems.append("threshold must be a non-empty list of values")
    return problems


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


def _evaluate_frequency(control: dict[str, Any], measurements: dict[str, Any]) -> ControlOutcome:
    return ControlOutcome(passed=None, note="judged per period by the compliance report")


CORE_CONTROL_KINDS = [
    ControlKind(name="compare", description="A measured number against a threshold (wait_minutes <= 15)",
                validate=_validate_compare, evaluate=_evaluate_compare),
    ControlKind(name="boolean", description="A yes/no measurement (service_log_written == true)",
                validate=_validate_boolean, evaluate=_evaluate_boolean),
    ControlKind(name="one_of", description="A value in (or not in) a list (greeting in [standard, vip])",
                validate=_validate_one_of, evaluate=_evaluate_one_of),
    ControlKind(name="frequency_by_tier",
                description="Clients of a tier have this contact at least N times per period",
                validate=_validate_frequency, evaluate=_evaluate_frequency),
]
