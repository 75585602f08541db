"""A report asked for without a period answers for the current quarter in China time."""

from __future__ import annotations

import datetime as dt

from litestar.testing import AsyncTestClient

from core.chinatime import CHINA_TZ, china_quarter, report_window

QUARTER = {"since": "2026-10-01T00:00:00+08:00", "until": "2027-01-01T00:00:00+08:00"}


def test_the_quarter_is_counted_in_china_time() -> None:
    new_year_in_china = dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC)
    begin, end = china_quarter(new_year_in_china)
    assert begin == dt.datetime(2027, 1, 1, tzinfo=CHINA_TZ)
    assert end == dt.datetime(2027, 4, 1, tzinfo=CHINA_TZ)


def test_one_bound_given_completes_its_quarter() -> None:
    since = dt.datetime(2026, 11, 5, tzinfo=CHINA_TZ)
    assert report_window(since, None, since)[1] == dt.datetime(2027, 1, 1, tzinfo=CHINA_TZ)
    until = dt.datetime(2026, 10, 1, tzinfo=CHINA_TZ)
    assert report_window(None, until, since)[0] == dt.datetime(2026, 7, 1, tzinfo=CHINA_TZ)


async def test_reports_without_a_period_take_the_current_quarter(client: AsyncTestClient, token_for, clock) -> None:
    assert china_quarter(clock.now())[0] == dt.datetime(2026, 10, 1, tzinfo=CHINA_TZ)
    headers = await token_for("admin", "HO")
    for path, extra in (
        ("/api/v1/reports/compliance", {"period": "quarter", "depth": 0}),
        ("/api/v1/reports/frequency", {"touchpoint": "counter_service"}),
    ):
        bare = await client.get(path, params=extra, headers=headers)
        dated = await client.get(path, params={**extra, **QUARTER}, headers=headers)
        assert bare.status_code == 200, bare.text
        assert bare.json() == dated.json()
