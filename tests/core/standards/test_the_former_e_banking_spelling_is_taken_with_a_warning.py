"""``e-banking``, the channel's 0.2 spelling, keeps working until 0.4: it is respelled
``e_banking`` with a DeprecationWarning naming the new spelling; every other value is left
as it is (and judged by the rules that read it)."""

from __future__ import annotations

import warnings

import pytest

from core.types import CHANNELS, channel_named


def test_the_former_spelling_is_respelled_with_a_warning_naming_the_new_one() -> None:
    with pytest.warns(DeprecationWarning, match="'e_banking'"):
        assert channel_named("e-banking") == "e_banking"


@pytest.mark.parametrize("value", [*CHANNELS, "email"])
def test_any_other_value_is_left_alone_without_a_warning(value: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert channel_named(value) == value
