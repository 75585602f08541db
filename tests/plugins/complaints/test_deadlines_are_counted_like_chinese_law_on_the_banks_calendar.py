"""Deadline counting (``../shared/domain.md``, "Counting deadlines") against a day-by-day model
of the rule: the day of receipt is not counted; a calendar-day period whose last day is a rest
day (a holiday, or a Saturday or Sunday that is no make-up working day) ends on the first
working day after it; working days skip the same rest days and include make-up working days.
The calendar under test answers by bisection."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.sdk import end_of_china_day
from plugins.complaints.calendar import Basis, Calendar, due_day

BASE = dt.date(2026, 1, 1)
offsets = st.integers(min_value=0, max_value=200)


def is_working(day: dt.date, holidays: set[dt.date], workdays: set[dt.date]) -> bool:
    """The model: a make-up day works, a holiday rests, otherwise Monday to Friday work."""
    if day in workdays:
        return True
    return day not in holidays and day.weekday() < 5


def model_working(received: dt.date, n: int, holidays: set[dt.date], workdays: set[dt.date]) -> dt.date:
    day, counted = received, 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += is_working(day, holidays, workdays)
    return day


def model_calendar(received: dt.date, n: int, holidays: set[dt.date], workdays: set[dt.date]) -> dt.date:
    last = received + dt.timedelta(days=n)
    while not is_working(last, holidays, workdays):  # a rest day: on to the first working day after it
        last += dt.timedelta(days=1)
    return last


@st.composite
def calendars(draw: st.DrawFn) -> tuple[set[dt.date], set[dt.date]]:
    days = draw(st.dictionaries(offsets, st.sampled_from(["holiday", "workday"]), max_size=60))
    holidays = {BASE + dt.timedelta(days=d) for d, kind in days.items() if kind == "holiday"}
    return holidays, {BASE + dt.timedelta(days=d) for d, kind in days.items() if kind == "workday"}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(calendars(), offsets, st.integers(min_value=1, max_value=60))
def test_working_days_match_the_day_by_day_model(days, start: int, n: int) -> None:
    holidays, workdays = days
    received = BASE + dt.timedelta(days=start)
    assert Calendar(holidays, workdays).last_day(received, n, "working") == model_working(
        received, n, holidays, workdays
    )


@settings(max_examples=200, deadline=None, derandomize=True)
@given(calendars(), offsets, st.integers(min_value=1, max_value=60))
def test_calendar_days_match_the_model_and_never_end_on_a_rest_day(days, start: int, n: int) -> None:
    holidays, workdays = days
    received = BASE + dt.timedelta(days=start)
    calendar = Calendar(holidays, workdays)
    last = calendar.last_day(received, n, "calendar")
    assert last == model_calendar(received, n, holidays, workdays)
    assert calendar.is_working(last) and last >= received + dt.timedelta(days=n)


@pytest.mark.parametrize("basis", ["calendar", "working"])
@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    days=calendars(),
    start=offsets,
    n=st.integers(min_value=1, max_value=30),
    more=st.integers(min_value=0, max_value=30),
)
def test_a_longer_period_never_ends_earlier(basis: Basis, days, start: int, n: int, more: int) -> None:
    """On either basis: a calendar-day period ends on the first working day on or after its
    N-th day, which moves later with N since every rest day moves (under a rule that moved
    only holidays a Friday holiday pushed N days past the weekend while N + 1 ended on its
    Saturday, earlier)."""
    calendar = Calendar(*days)
    received = BASE + dt.timedelta(days=start)
    assert calendar.last_day(received, n, basis) <= calendar.last_day(received, n + more, basis)


def test_the_day_of_receipt_is_not_counted_and_a_deadline_ends_at_local_midnight() -> None:
    friday_evening = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)  # 17:00 in Beijing
    calendar = Calendar()
    assert calendar.last_day(dt.date(2026, 11, 20), 1, "working") == dt.date(2026, 11, 23)  # Monday
    due = calendar.due(friday_evening, 14, "calendar")  # the 14th day is Friday 4 December
    assert due == end_of_china_day(dt.date(2026, 12, 4)) == dt.datetime(2026, 12, 4, 16, 0, tzinfo=dt.UTC)
    assert due_day(due) == dt.date(2026, 12, 4)
    received_late = dt.datetime(2026, 11, 20, 16, 30, tzinfo=dt.UTC)  # 00:30 on Saturday 21st in Beijing
    assert due_day(calendar.due(received_late, 14, "calendar")) == dt.date(2026, 12, 7)  # Saturday 5th → Monday


def test_a_year_not_seeded_yet_still_rests_on_its_weekends() -> None:
    calendar = Calendar()
    assert calendar.last_day(dt.date(2026, 11, 20), 15, "calendar") == dt.date(2026, 12, 7)  # Saturday → Monday
    assert calendar.last_day(dt.date(2026, 11, 21), 15, "calendar") == dt.date(2026, 12, 7)  # Sunday → Monday
    assert calendar.last_day(dt.date(2026, 11, 19), 15, "calendar") == dt.date(2026, 12, 4)  # a Friday stays
