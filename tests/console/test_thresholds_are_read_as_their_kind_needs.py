"""What a person types as a threshold is read as the control's kind needs it (a number for
``compare``, true/false for ``boolean``, a list for ``one_of``) or refused with the core's own
words; parameters written back by the form (lists of choices too) read the same again."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.content import show_value
from console.validation import control_problems, parse_params, parse_threshold
from core.controls import CORE_CONTROL_KINDS

names = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
values = st.one_of(st.integers(-(10**6), 10**6), st.sampled_from(["gold", "month", "vip"]), st.booleans())


@given(st.one_of(st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False)))
def test_a_number_reads_back_as_itself(number: float) -> None:
    assert parse_threshold("compare", repr(number)) == number


@given(st.text().filter(lambda t: not _is_number(t)))
def test_anything_else_is_not_a_compare_threshold(text: str) -> None:
    with pytest.raises(ValueError, match="阈值须为数字"):
        parse_threshold("compare", text)


@given(st.dictionaries(names, st.one_of(values, st.lists(values, min_size=2, max_size=4)), max_size=4))
def test_params_written_by_the_form_read_the_same(params: dict[str, object]) -> None:
    """Lists too (a one_of control's ``choices``)."""
    assert parse_params(show_value(params)) == params


def test_booleans_and_lists_read_as_their_kinds_need() -> None:
    assert parse_threshold("boolean", "是") is True and parse_threshold("boolean", "false") is False
    assert parse_threshold("one_of", "standard, vip ,") == ["standard", "vip"]
    with pytest.raises(ValueError, match="阈值须为非空的取值列表"):
        parse_threshold("one_of", " , ")


def test_the_kinds_own_rules_are_named_at_their_fields() -> None:
    kinds = {k.name for k in CORE_CONTROL_KINDS}
    assert kinds == {"compare", "boolean", "one_of", "frequency_by_tier"}
    assert control_problems({"kind": "compare", "comparator": "in", "threshold": 3}) == [
        ("comparator", "comparator must be one of <=, <, >=, >, ==, !=")
    ]
    assert ("params", "params.period must be one of week, month, quarter, year") in control_problems(
        {"kind": "frequency_by_tier", "params": {"tier": "gold", "period": "day", "at_least": 1}}
    )
    assert control_problems({"kind": "a_plugins_kind"}) == []


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False
