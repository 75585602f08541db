"""A name leaving the SDK keeps working for a release and says what replaces it."""

import pytest

import core.sdk
from core.sdk import QueuedMessage, TouchstoneDeprecationWarning


def test_a_deprecated_name_warns_naming_its_replacement_and_gives_it() -> None:
    with pytest.warns(TouchstoneDeprecationWarning, match=r"core\.sdk\.Message .* use core\.sdk\.QueuedMessage"):
        old = core.sdk.Message
    assert old is QueuedMessage


def test_a_name_the_sdk_never_had_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nonexistent'"):
        core.sdk.Nonexistent


def test_deprecated_names_stay_out_of_all() -> None:
    assert "Message" not in core.sdk.__all__
