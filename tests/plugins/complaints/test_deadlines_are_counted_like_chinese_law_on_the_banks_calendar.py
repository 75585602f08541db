"""Deadline counting (``../shared/domain.md``, "Counting deadlines") against a day-by-day model
of the rule: the day of receipt is not counted; a calendar-day period whose last day is a
holiday ends on the day after the holiday's run of days off; working days skip weekends and
holidays and include make-up working days. The calendar under test answers by bisection."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.complaints.calendar import Calendar, due_day, end_of, seed_entries

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
    if last not in holidays:
        return last
    while not is_working(last, holidays, workdays):  # walk to the end of the run of days off
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
    assert Calendar(holidays, workdays).last_day(received, n, "working") == model_working(received, n, holidays, workdays)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(calendars(), offsets, st.integers(min_value=1, max_value=60))
def test_calendar_days_match_the_model_and_never_end_on_a_holiday(days, start: int, n: int) -> None:
    holidays, workdays = days
    received = BASE + dt.timedelta(days=start)
    last = Calendar(holidays, workdays).last_day(received, n, "calendar")
    assert last == model_calendar(received, n, holidays, workdays)
    assert last not in holidays and last > received


@settings(deadline=None, derandomize=True)
@given(calendars(), offsets, st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=30))
def test_a_longer_period_in_working_days_never_ends_earlier(days, start: int, n: int, more: int) -> None:
    """(Not so in calendar days: a last day on a holiday moves past the weekend after it, while
    one day more lands on that weekend's Saturday and stays, for only holidays move.)"""
    calendar = Calendar(*days)
    received = BASE + dt.timedelta(days=start)
    assert calendar.last_day(received, n, "working") <= calendar.last_day(received, n + more, "working")


def test_only_a_holiday_moves_a_calendar_day_deadline() -> None:
    calendar = Calendar({dt.date(2026, 1, 1), dt.date(2026, 1, 2)})  # a Thursday and Friday off
    assert calendar.last_day(dt.date(2026, 1, 1), 1, "calendar") == dt.date(2026, 1, 5)  # the Friday: to Monday
    assert calendar.last_day(dt.date(2026, 1, 1), 2, "calendar") == dt.date(2026, 1, 3)  # a Saturday stays


def test_the_day_of_receipt_is_not_counted_and_a_deadline_ends_at_local_midnight() -> None:
    friday_evening = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)  # 17:00 in Beijing
    calendar = Calendar()
    assert calendar.last_day(dt.date(2026, 11, 20), 1, "working") == dt.date(2026, 11, 23)  # Monday
    due = calendar.due(friday_evening, 15, "calendar")
    assert due == end_of(dt.date(2026, 12, 5)) == dt.datetime(2026, 12, 5, 16, 0, tzinfo=dt.UTC)
    assert due_day(due) == dt.date(2026, 12, 5)


def test_the_seeded_national_day_holiday_moves_a_deadline_past_the_golden_week() -> None:
    entries = seed_entries("CN", 2025)
    holidays = {d for d, kind, _ in entries if kind == "holiday"}
    workdays = {d for d, kind, _ in entries if kind == "workday"}
    assert {dt.date(2025, 10, d) for d in range(1, 9)} <= holidays  # the weekend inside is part of it
    assert dt.date(2025, 9, 28) in workdays and dt.date(2025, 10, 11) in workdays  # the make-up Sundays/Saturdays
    calendar = Calendar(holidays, workdays)
    assert calendar.last_day(dt.date(2025, 9, 17), 15, "calendar") == dt.date(2025, 10, 9)
    assert calendar.last_day(dt.date(2025, 9, 26), 1, "working") == dt.date(2025, 9, 28)  # a make-up Sunday works
    assert calendar.last_day(dt.date(2025, 9, 30), 1, "working") == dt.date(2025, 10, 9)
