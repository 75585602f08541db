"""Time as the core sees it. Everything that asks "what time is it" asks a Clock, so tests
(and the SLA sweeps of plugins) can move time on purpose."""

from __future__ import annotations

import datetime as dt


class Clock:
    """The wall clock, in UTC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FrozenClock(Clock):
    """A clock that stands still until told to move; for tests and simulations."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware datetime")
        self._at = at

    def now(self) -> dt.datetime:
        return self._at

    def advance(self, **delta: float) -> dt.datetime:
        self._at += dt.timedelta(**delta)
        return self._at

    def set(self, at: dt.datetime) -> None:
        self._at = at
