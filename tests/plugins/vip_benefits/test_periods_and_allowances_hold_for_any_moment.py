"""The time rules, for any moment: a window contains the moment it is asked about and starts
at local midnight in China; calendar windows tile time; a pro-rata upgrade lies between the
old and the new quota and shrinks as the period runs out; a downgrade's grace never gives
less than the old rule; the birthday look-ahead covers each day once, 29 February included."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from core.sdk import CHINA_TZ
from core.types import UnitRef
from plugins.vip_benefits.entitlements import Rule
from plugins.vip_benefits.models import TierMove
from plugins.vip_benefits.periods import birthday_in, birthdays_ahead, prorated, window
from plugins.vip_benefits.quota import allowance

MOMENTS = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2040, 12, 31), timezones=st.just(dt.UTC)
)
HO = UnitRef(id=1, code="HO", name="总行", level="head_office", path="/1/")


@given(at=MOMENTS, period=st.sampled_from(["calendar_year", "month", "rolling_12_months"]))
def test_a_window_contains_its_moment(at: dt.datetime, period: str) -> None:
    span = window(period, at)
    assert span.start <= at < span.end
    assert dt.timedelta(days=27) < span.end - span.start <= dt.timedelta(days=367)
    if period != "rolling_12_months":
        assert span.start.astimezone(CHINA_TZ).time() == dt.time(0) == span.end.astimezone(CHINA_TZ).time()
        assert window(period, span.end).start == span.end  # the next window starts where this one ends
        assert window(period, span.end - dt.timedelta(microseconds=1)) == span


def test_new_year_in_china_is_four_in_the_afternoon_in_utc() -> None:
    last_moment = dt.datetime(2026, 12, 31, 15, 59, 59, tzinfo=dt.UTC)
    assert window("calendar_year", last_moment).end == dt.datetime(2026, 12, 31, 16, tzinfo=dt.UTC)
    assert window("month", last_moment + dt.timedelta(seconds=1)).start.astimezone(CHINA_TZ).date() == dt.date(
        2027, 1, 1
    )
    leap_day = dt.datetime(2028, 2, 29, 12, tzinfo=CHINA_TZ)
    assert window("rolling_12_months", leap_day).start == dt.datetime(2027, 2, 28, 12, tzinfo=CHINA_TZ)


@given(
    at=MOMENTS,
    old=st.integers(0, 20),
    new=st.integers(0, 20),
    later=st.timedeltas(dt.timedelta(0), dt.timedelta(days=400)),
)
def test_a_pro_rata_upgrade_lies_between_the_two_quotas_and_shrinks_with_time(
    at: dt.datetime, old: int, new: int, later: dt.timedelta
) -> None:
    span = window("calendar_year", at)
    quota = prorated(old, new, at, span)
    assert (old <= quota <= new) if new > old else quota == new
    assert prorated(old, new, span.start, span) == new
    if at + later < span.end:
        assert prorated(old, new, at + later, span) <= quota


def rule(tier: str, quota: int, period: str = "calendar_year") -> Rule:
    return Rule(perk_id=1, tier=tier, quota=quota, period=period, companions=0, set_at=HO)


@given(
    at=MOMENTS,
    old=st.integers(0, 9),
    new=st.integers(0, 9),
    days=st.integers(0, 200),
    period=st.sampled_from(["calendar_year", "month", "rolling_12_months"]),
)
def test_a_downgrade_keeps_at_least_the_old_rule_until_its_grace_ends(
    at: dt.datetime, old: int, new: int, days: int, period: str
) -> None:
    move = TierMove(
        old_tier="gold",
        new_tier="silver",
        direction="downgrade",
        moved_at=at,
        prorated=False,
        grace_until=at + dt.timedelta(days=90),
    )
    later = at + dt.timedelta(days=days)
    granted = allowance(rule("silver", new, period), rule("gold", old), move, later)
    assert granted is not None and granted.quota >= 0
    if days < 90:
        assert granted.quota >= old and granted.basis in ("grace", "tier")
    else:
        assert (granted.quota, granted.basis) == (new, "tier")


@given(at=MOMENTS, old=st.integers(0, 9), new=st.integers(0, 9))
def test_an_upgrade_grants_the_new_rule_at_once_pro_rata_only_if_asked(at: dt.datetime, old: int, new: int) -> None:
    plain = TierMove(
        old_tier="silver", new_tier="gold", direction="upgrade", moved_at=at, prorated=False, grace_until=None
    )
    pro_rata = TierMove(
        old_tier="silver", new_tier="gold", direction="upgrade", moved_at=at, prorated=True, grace_until=None
    )
    assert allowance(rule("gold", new), rule("silver", old), plain, at).quota == new  # type: ignore[union-attr]
    granted = allowance(rule("gold", new), rule("silver", old), pro_rata, at)
    assert granted is not None and (old <= granted.quota <= new if new > old else granted.quota == new)
    assert allowance(None, rule("silver", old), pro_rata, at) is None


@given(today=st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)), days=st.integers(0, 60))
def test_the_birthday_look_ahead_covers_each_day_once(today: dt.date, days: int) -> None:
    ahead = birthdays_ahead(today, days)
    assert sorted(set(ahead.values())) == [today + dt.timedelta(days=i) for i in range(days + 1)]
    for month_day, day in ahead.items():
        born = dt.date(2000, month_day // 100, month_day % 100)
        assert birthday_in(born, day.year) == day


def test_a_leap_day_birthday_is_kept_on_the_28th_and_january_belongs_to_next_year() -> None:
    assert birthdays_ahead(dt.date(2027, 2, 27), 1) == {
        227: dt.date(2027, 2, 27),
        228: dt.date(2027, 2, 28),
        229: dt.date(2027, 2, 28),
    }
    assert 229 not in birthdays_ahead(dt.date(2028, 2, 27), 1)
    assert birthdays_ahead(dt.date(2026, 12, 31), 1) == {1231: dt.date(2026, 12, 31), 101: dt.date(2027, 1, 1)}
