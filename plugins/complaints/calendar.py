"""Counting complaint deadlines on the bank's calendar of rest and working days (pure: no
database, no clock).

The rule (``../shared/domain.md``, "Counting deadlines") is the way Chinese law counts
periods (Civil Code arts. 201-203): a period of N days starts the day after receipt (China
time); its last day ends at 24:00; a calendar-day period whose last day is a **rest day**
ends instead on the first working day after it. A rest day is a public holiday or an
ordinary Saturday or Sunday (the Supreme People's Court's reading), so a last day on an
ordinary weekend moves to Monday, one inside a holiday block (its edge weekends included)
moves past the block, and a make-up working day (调休上班, a weekend day the State Council
makes a working day) does not move. A working-day period counts only working days.

The calendar is data the bank maintains (:mod:`plugins.complaints.calendar_days`), not a
weekday rule alone: it holds the exceptions to the week, the holidays (rest days on any
weekday) and the make-up working days (working weekend days); every other Monday to Friday
works and every other Saturday and Sunday rests. So a year the bank has not seeded yet still
rests on its weekends, and the bank can turn any day into either kind. :class:`Calendar`
answers with bisection over sorted exception lists instead of walking day by day, so counting
costs the same for 1 day or 60; the property tests check it against a day-by-day model.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Literal

import holidays

from core.sdk import china_date, end_of_china_day

Basis = Literal["calendar", "working"]
DayKind = Literal["holiday", "workday"]
MAKE_UP_DAY = "调休上班"
COUNTING_RULE = 2
"""The version of the counting rule below, stored with every order's due dates. 1 moved a
calendar-day deadline only off a holiday; 2 moves it off every rest day, ordinary weekends
included. Bump it whenever the counting changes: the next SLA sweep re-dates every open
order counted by an older version (:func:`plugins.complaints.redating.redate_stale`)."""


def due_day(due: dt.datetime) -> dt.date:
    """The local day a deadline ending at the instant ``due`` falls on (the day that ends then)."""
    return china_date(due - dt.timedelta(microseconds=1))


def _weekdays_through(day: dt.date) -> int:
    """How many Mondays-to-Fridays there are from an arbitrary epoch up to ``day`` inclusive."""
    n = day.toordinal()  # ordinal 1 (0001-01-01) is a Monday
    weeks, rest = divmod(n, 7)
    return weeks * 5 + min(rest, 5)


class Calendar:
    """One region's holidays and make-up working days: whether each day rests or works.

    A date is either a holiday or a make-up working day, never both (the store keeps one
    entry per date). Both bases of counting ask only :meth:`is_working`, so a holiday on a
    weekend and a make-up day on a weekday change nothing (the day rests, or works, anyway).
    """

    def __init__(self, holidays_: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()) -> None:
        self.holidays = frozenset(holidays_)
        self.workdays = frozenset(workdays) - self.holidays
        self._weekday_holidays = sorted(d for d in self.holidays if d.weekday() < 5)
        self._weekend_workdays = sorted(d for d in self.workdays if d.weekday() >= 5)

    def is_working(self, day: dt.date) -> bool:
        return day in self.workdays or (day.weekday() < 5 and day not in self.holidays)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open range ``(start, end]``."""
        if end <= start:
            return 0
        weekdays = _weekdays_through(end) - _weekdays_through(start)
        lost = bisect.bisect_right(self._weekday_holidays, end) - bisect.bisect_right(self._weekday_holidays, start)
        gained = bisect.bisect_right(self._weekend_workdays, end) - bisect.bisect_right(self._weekend_workdays, start)
        return weekdays - lost + gained

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
        if days < 1:
            raise ValueError("count at least one working day")
        span = days
        while self.working_days_between(start, start + dt.timedelta(days=span)) < days:
            span *= 2
        low, high = 1, span  # the smallest offset reaching the count is the day itself
        while low < high:
            middle = (low + high) // 2
            if self.working_days_between(start, start + dt.timedelta(days=middle)) >= days:
                high = middle
            else:
                low = middle + 1
        return start + dt.timedelta(days=low)

    def last_day(self, received: dt.date, days: int, basis: Basis) -> dt.date:
        """The last day of a period of ``days`` starting the day after ``received``: in working
        days, the ``days``-th working day; in calendar days, the ``days``-th day, or the first
        working day after it when that is a rest day."""
        if basis == "working":
            return self.add_working_days(received, days)
        last = received + dt.timedelta(days=days)
        return last if self.is_working(last) else self.add_working_days(last, 1)

    def due(self, received: dt.datetime, days: int, basis: Basis) -> dt.datetime:
        """When a period of ``days`` counted from the instant ``received`` runs out (UTC)."""
        return end_of_china_day(self.last_day(china_date(received), days, basis))


def seed_entries(region: str, year: int) -> list[tuple[dt.date, DayKind, str]]:
    """The public holidays and make-up working days the ``holidays`` package knows for
    ``region`` (``CN``, or a country with a subdivision such as ``CN-XX``) in ``year``.

    Only a seed: the bank reviews it and maintains its calendar through the API. The make-up
    days are the package's ``weekend_workdays`` (the weekend days its substituted holidays
    were moved from, by this year's arrangement or the next's); names are asked in Chinese,
    so what is seeded never depends on the server's locale. Weekends lying inside a holiday
    period (between two holidays, only days off between) are entered as part of it, as the
    State Council's notices count them (National Day: 1 to 8 October); that names them and
    moves no deadline, since every Saturday and Sunday that is no make-up day rests anyway.
    Raises ``KeyError`` for a region the package does not know.
    """
    country, _, subdivision = region.partition("-")
    try:
        known = holidays.country_holidays(
            country, subdiv=subdivision or None, years=(year, year + 1), language="zh_CN"
        )  # next year's New Year may take a make-up day from this one
    except NotImplementedError as exc:
        raise KeyError(region) from exc
    entries: dict[dt.date, tuple[DayKind, str]] = {
        day: ("holiday", name) for day, name in sorted(known.items()) if day.year == year
    }
    entries.update(
        {day: ("workday", MAKE_UP_DAY) for day in known.weekend_workdays if day.year == year and day not in entries}
    )
    days_off = sorted(d for d, (kind, _) in entries.items() if kind == "holiday")
    for before, after in itertools.pairwise(days_off):
        gap = [before + dt.timedelta(days=i) for i in range(1, (after - before).days)]
        if gap and all(d.weekday() >= 5 and d not in entries for d in gap):
            entries.update(dict.fromkeys(gap, ("holiday", entries[before][1])))
    return [(day, kind, name) for day, (kind, name) in sorted(entries.items())]
