"""The cake shop's tests run on Touchstone's testing kit alone (``touchstone[test]``, loaded
by pytest through its entry point): these fixtures only name the plugin set and build the
body of a valid booking."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from cake_shop.services import next_birthday

from core.sdk import china_date


@pytest.fixture
def touchstone_plugins():
    return ["cake_shop"]  # the core's defaults and this plugin alone


@pytest.fixture
def birthday(clock) -> Callable[[Any], dt.date]:
    """The client's next birthday, seen from the kit's frozen clock (China date)."""
    return lambda client: next_birthday(client.birthday, china_date(clock.now()))


@pytest.fixture
def booking(birthday) -> Callable[..., dict[str, Any]]:
    """``booking(client)``: a valid booking body, delivered on the birthday itself."""
    return lambda client, **changes: {
        "client": client.public_id,
        "cake": "mango_mille_crepe",
        "deliver_on": birthday(client).isoformat(),
        "greeting": "生日快乐，王女士",
        **changes,
    }
