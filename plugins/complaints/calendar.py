"""Counting complaint deadlines on the bank's holiday calendar (pure: no database, no clock).

The rule (``../shared/domain.md``, "Counting deadlines") is the way Chinese law counts
periods: a period of N days starts the day after receipt; a calendar-day period whose last
day is a public holiday ends instead on the first working day after that holiday (the day
after the run of days off it belongs to ends, weekends included, so a Friday holiday moves
the deadline to Monday); a working-day period counts only working days: weekdays that are
not holidays, plus the make-up working days (调休) the State Council announces.

The calendar is data the bank maintains (:mod:`plugins.complaints.calendar_days`), never a
weekday rule. :class:`Calendar` answers with bisection over sorted exception lists instead
of walking day by day, so counting costs the same for 1 day or 60; the property tests check
it against a day-by-day model of the rule.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

import holidays

Basis = Literal["calendar", "working"]
DayKind = Literal["holiday", "workday"]
LOCAL = dt.timezone(dt.timedelta(hours=8))  # China Standard Time: days are counted here
_SUBSTITUTED = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")


def local_day(moment: dt.datetime) -> dt.date:
    """The bank's local date of an instant."""
    return moment.astimezone(LOCAL).date()


def end_of(day: dt.date) -> dt.datetime:
    """The instant (UTC) a deadline day ends: local midnight after it."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), LOCAL).astimezone(dt.UTC)


def due_day(due: dt.datetime) -> dt.date:
    """The local day a deadline ending at the instant ``due`` falls on (the day that ends then)."""
    return local_day(due - dt.timedelta(microseconds=1))


def _weekdays_through(day: dt.date) -> int:
    """How many Mondays-to-Fridays there are from an arbitrary epoch up to ``day`` inclusive."""
    n = day.toordinal()  # ordinal 1 (0001-01-01) is a Monday
    weeks, rest = divmod(n, 7)
    return weeks * 5 + min(rest, 5)


class Calendar:
    """One region's holidays and make-up working days.

    A date is either a holiday or a make-up working day, never both (the store keeps one
    entry per date). A holiday on a weekend changes nothing for working days but still
    moves a calendar-day deadline that lands on it; a make-up day on a weekday changes
    nothing at all.
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
        """The last day of a period of ``days`` starting the day after ``received``."""
        if basis == "working":
            return self.add_working_days(received, days)
        last = received + dt.timedelta(days=days)
        return self.add_working_days(last, 1) if last in self.holidays else last

    def due(self, received: dt.datetime, days: int, basis: Basis) -> dt.datetime:
        """When a period of ``days`` counted from the instant ``received`` runs out (UTC)."""
        return end_of(self.last_day(local_day(received), days, basis))


def seed_entries(region: str, year: int) -> list[tuple[dt.date, DayKind, str]]:
    """The public holidays and make-up working days the ``holidays`` package knows for
    ``region`` (``CN``, or a country with a subdivision such as ``CN-XX``) in ``year``.

    Only a seed: the bank reviews it and maintains its calendar through the API. Weekends
    lying inside a holiday period (between two holidays, only days off between) are part of
    it, as the State Council's notices count them (National Day: 1 to 8 October).
    Raises ``KeyError`` for a region the package does not know.
    """
    country, _, subdivision = region.partition("-")
    try:
        known = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError as exc:
        raise KeyError(region) from exc
    entries: dict[dt.date, tuple[DayKind, str]] = {}
    for day, name in sorted(known.items()):
        entries[day] = ("holiday", name)
        for month, date_, year_ in _SUBSTITUTED.findall(name):
            entries.setdefault(dt.date(int(year_), int(month), int(date_)), ("workday", f"调休上班 ({name})"))
    days_off = sorted(d for d, (kind, _) in entries.items() if kind == "holiday")
    for before, after in zip(days_off, days_off[1:], strict=False):
        gap = [before + dt.timedelta(days=i) for i in range(1, (after - before).days)]
        if gap and all(d.weekday() >= 5 and d not in entries for d in gap):
            entries.update({d: ("holiday", entries[before][1]) for d in gap})
    return [(day, kind, name) for day, (kind, name) in sorted(entries.items())]
