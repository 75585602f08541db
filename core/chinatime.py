"""China Standard Time, the one place it is defined.

The bank counts days, periods and deadlines in China Standard Time (UTC+8, no daylight
saving since 1991) while storage keeps UTC. Everything that turns an instant into a local
date or a local date into an instant goes through these functions, so reports, quotas,
deadlines and the console agree on where a day begins.
"""

from __future__ import annotations

import datetime as dt

from core.i18n import current_language

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
"""China Standard Time."""


def china_date(at: dt.datetime) -> dt.date:
    """The calendar date in China at the instant ``at`` (which must be timezone-aware)."""
    return at.astimezone(CHINA_TZ).date()


def china_midnight(day: dt.date) -> dt.datetime:
    """The UTC instant at which the local calendar day ``day`` begins."""
    return dt.datetime.combine(day, dt.time(), CHINA_TZ).astimezone(dt.UTC)


def end_of_china_day(day: dt.date) -> dt.datetime:
    """The UTC instant at which the local day ``day`` ends (24:00, i.e. the next midnight)."""
    return china_midnight(day + dt.timedelta(days=1))


def china_day(day: dt.date | dt.datetime) -> str:
    """A calendar day for a person to read: ``2026年12月4日`` in Chinese, ``2026-12-04`` in
    English; an instant is first taken to its China date."""
    if isinstance(day, dt.datetime):
        day = china_date(day)
    if current_language() == "zh_CN":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def china_time(at: dt.datetime, *, seconds: bool = False) -> str:
    """``2026-11-20 17:30`` (China time) for a person to read; ``seconds=True`` adds them."""
    return at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
