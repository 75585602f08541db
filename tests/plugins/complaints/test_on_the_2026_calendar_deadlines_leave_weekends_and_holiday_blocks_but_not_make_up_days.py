"""Known cases of the 2026 calendar as seeded from the holidays package (the State Council's
arrangement for 2026): a last day on an ordinary weekend moves to Monday; one
inside a holiday block, the weekend days at its edges included, moves to the first working day
after the block; a make-up working day (调休上班) does not move. Working days skip weekends and
holidays and count the make-up days."""

from __future__ import annotations

import datetime as dt

import pytest

from plugins.complaints.calendar import Calendar, seed_entries

D = dt.date
SEEDED = seed_entries("CN", 2026)
CALENDAR = Calendar(
    {d for d, kind, _ in SEEDED if kind == "holiday"}, {d for d, kind, _ in SEEDED if kind == "workday"}
)


def test_the_seed_holds_the_state_councils_make_up_days() -> None:
    assert {d for d, kind, _ in SEEDED if kind == "workday"} == {
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    }


@pytest.mark.parametrize(
    ("received", "days", "last"),
    [
        (D(2026, 11, 20), 15, D(2026, 12, 7)),  # Saturday 5 December, an ordinary one → Monday
        (D(2026, 3, 7), 15, D(2026, 3, 23)),  # Sunday 22 March → Monday
        (D(2026, 11, 19), 15, D(2026, 12, 4)),  # a Friday stays
        (D(2026, 9, 16), 15, D(2026, 10, 8)),  # National Day 1 October → past the block (1-7 October)
        (D(2026, 9, 19), 15, D(2026, 10, 8)),  # Sunday 4 October, inside the block
        (D(2026, 9, 22), 15, D(2026, 10, 8)),  # Wednesday 7 October, its last day
        (D(2026, 1, 31), 15, D(2026, 2, 24)),  # Sunday 15 February, the Spring Festival block's first day (15-23)
        (D(2026, 2, 6), 15, D(2026, 2, 24)),  # Saturday 21 February, inside it
        (D(2026, 6, 5), 15, D(2026, 6, 22)),  # Saturday 20 June, the Dragon Boat block's edge (19-21) → Monday
        (D(2026, 9, 12), 15, D(2026, 9, 28)),  # Sunday 27 September, the Mid-Autumn block's edge (25-27)
        (D(2025, 12, 19), 15, D(2026, 1, 4)),  # Saturday 3 January, New Year's edge → the make-up Sunday after it
        (D(2026, 9, 30), 10, D(2026, 10, 10)),  # Saturday 10 October, a make-up working day: stays
        (D(2026, 1, 30), 15, D(2026, 2, 14)),  # Saturday 14 February, a make-up working day: stays
        (D(2026, 9, 5), 15, D(2026, 9, 20)),  # Sunday 20 September, a make-up working day: stays
    ],
)
def test_a_calendar_day_deadline_ends_on_a_working_day(received: dt.date, days: int, last: dt.date) -> None:
    assert CALENDAR.last_day(received, days, "calendar") == last


@pytest.mark.parametrize(
    ("received", "days", "last"),
    [
        (D(2026, 11, 20), 3, D(2026, 11, 25)),  # Friday: Monday, Tuesday, Wednesday
        (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Friday: the make-up Sunday is the first working day
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # the eve of National Day: the day after the block
        (D(2026, 2, 13), 5, D(2026, 2, 27)),  # the make-up Saturday 14th, then 24th to 27th after Spring Festival
        (D(2026, 4, 30), 1, D(2026, 5, 6)),  # Labour Day 1-5 May off: Wednesday 6th is the first working day...
        (D(2026, 5, 6), 3, D(2026, 5, 9)),  # ...and the make-up Saturday 9 May the third after it
    ],
)
def test_working_days_skip_rest_days_and_count_make_up_days(received: dt.date, days: int, last: dt.date) -> None:
    assert CALENDAR.last_day(received, days, "working") == last
