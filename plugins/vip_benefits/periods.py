"""Quota periods and birthdays, cut in China Standard Time (UTC+8, no daylight saving).

Pure functions of instants and dates, so the rules can be checked exhaustively: a calendar
year or month runs from local midnight of its first day; a rolling 12 months ends at the
instant asked about and starts the same local moment a year earlier. Every window is
half-open ``[start, end)`` in UTC.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from core.sdk import CHINA_TZ, china_midnight

INSTANT = dt.timedelta(microseconds=1)


class Window(NamedTuple):
    start: dt.datetime
    end: dt.datetime


def year_earlier(day: dt.date) -> dt.date:
    """The same date a year before (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def window(period: str, at: dt.datetime) -> Window:
    """The window of ``period`` that contains instant ``at``."""
    local = at.astimezone(CHINA_TZ)
    if period == "calendar_year":
        return Window(china_midnight(dt.date(local.year, 1, 1)), china_midnight(dt.date(local.year + 1, 1, 1)))
    if period == "month":
        first = dt.date(local.year, local.month, 1)
        following = dt.date(local.year + local.month // 12, local.month % 12 + 1, 1)
        return Window(china_midnight(first), china_midnight(following))
    if period == "rolling_12_months":
        start = dt.datetime.combine(year_earlier(local.date()), local.timetz()).astimezone(dt.UTC)
        return Window(start, at + INSTANT)  # ``at`` itself is inside: a use a moment ago counts
    raise ValueError(f"unknown period '{period}'")


def prorated(old_quota: int, new_quota: int, moved_at: dt.datetime, span: Window) -> int:
    """The quota for the period an upgrade happened in: the old quota plus the increase in
    proportion to the time left after the move (rounded half up). An upgrade that does not
    raise this quota changes nothing here."""
    if new_quota <= old_quota or not span.start <= moved_at < span.end:
        return new_quota
    left = Decimal((span.end - moved_at) // INSTANT)
    whole = Decimal((span.end - span.start) // INSTANT)
    increase = (Decimal(new_quota - old_quota) * left / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return old_quota + int(increase)


def birthday_in(birthday: dt.date, year: int) -> dt.date:
    """When a birthday is celebrated in ``year``: 29 February on the 28th outside leap years."""
    try:
        return birthday.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def birthdays_ahead(today: dt.date, days: int) -> dict[int, dt.date]:
    """Birthdays (as ``month * 100 + day``) celebrated from ``today`` to ``today + days``
    inclusive, each with the date it is celebrated on. Crossing New Year gives January's
    birthdays next year's date; a 28 February outside a leap year brings 29 February along."""
    ahead: dict[int, dt.date] = {}
    for offset in range(days + 1):
        day = today + dt.timedelta(days=offset)
        ahead[day.month * 100 + day.day] = day
        if (day.month, day.day) == (2, 28) and birthday_in(dt.date(2000, 2, 29), day.year) == day:
            ahead[229] = day
    return ahead
