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


def china_quarter(at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The calendar quarter in China containing the instant ``at``: the UTC instants at which
    it begins and ends (``[begin, end)``)."""
    day = china_date(at)
    first_month = 3 * ((day.month - 1) // 3) + 1
    begin = dt.date(day.year, first_month, 1)
    end = dt.date(day.year + 1, 1, 1) if first_month == 10 else dt.date(day.year, first_month + 3, 1)
    return china_midnight(begin), china_midnight(end)


def report_window(
    since: dt.datetime | None, until: dt.datetime | None, now: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """A report's period ``[since, until)`` where the caller may leave either out: neither
    given is the current quarter in China time; only ``since`` runs to the end of its quarter;
    only ``until`` starts at the beginning of the quarter it closes."""
    if since is None and until is None:
        return china_quarter(now)
    if since is None:
        assert until is not None
        return china_quarter(until - dt.timedelta(microseconds=1))[0], until
    if until is None:
        return since, china_quarter(since)[1]
    return since, until
