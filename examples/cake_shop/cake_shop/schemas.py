"""The plugin's request and response bodies, and the section it adds to the client 360° view."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

CAKES = ("black_forest", "mango_mille_crepe", "matcha_red_bean")
"""The shop's birthday cakes: 黑森林, 芒果千层, 抹茶红豆."""
Cake = Literal["black_forest", "mango_mille_crepe", "matcha_red_bean"]


class DeliveryIn(msgspec.Struct, forbid_unknown_fields=True):
    client: str
    cake: Cake
    deliver_on: Annotated[dt.date, msgspec.Meta(description="A day of the week up to the client's birthday")]
    greeting: Annotated[str, msgspec.Meta(min_length=1, max_length=40)] = "生日快乐"


class DeliveryOut(msgspec.Struct):
    id: str
    client: str
    unit: str
    cake: Cake
    greeting: str
    deliver_on: dt.date
    booked_at: dt.datetime
    booked_by: str


class DeliveryPage(msgspec.Struct):
    items: list[DeliveryOut]
    next_cursor: str | None


class CakeSection(msgspec.Struct):
    """What the client 360° view shows: the next birthday and its cake, if booked."""

    next_birthday: dt.date | None
    booked: DeliveryOut | None
