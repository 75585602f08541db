"""The work-order lifecycle as pure functions, driven by hypothesis through random sequences
of actions at random moments and policy changes, against a model that keeps its own record
of where the order should be and how long its clock stood still."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.errors import TransitionNotAllowed
from plugins.complaints.lifecycle import (
    ACTIONS,
    MOVES,
    OPEN_STATES,
    Progress,
    allowed_actions,
    policy_changed,
    step,
)

START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
WINDOW = dt.timedelta(days=30)
FOLLOWS = {
    "received": {"acknowledge"},
    "acknowledged": {"investigate"},
    "investigating": {"wait", "resolve"},
    "waiting_for_client": {"resume"},
    "resolved": {"reply"},
    "replied": {"close", "reopen"},
    "closed": {"reopen"},
}
"""The model: what may follow each state (reopening also needs the window)."""


class WorkOrderMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = START
        self.progress = Progress(received_at=START, clock_started_at=START)
        self.clock_stops = True
        self.stopped = dt.timedelta()  # the model's count of this round's stopped time
        self.stopped_since: dt.datetime | None = None
        self.reopenings = 0

    @rule(hours=st.integers(min_value=0, max_value=24 * 40))
    def time_passes(self, hours: int) -> None:
        self.now += dt.timedelta(hours=hours)

    @rule(action=st.sampled_from(ACTIONS))
    def act(self, action: str) -> None:
        state = self.progress.state
        expected = action in FOLLOWS[state] and (action != "reopen" or self.now <= self.progress.replied_at + WINDOW)  # type: ignore[operator]
        if not expected:
            with pytest.raises(TransitionNotAllowed) as refused:
                step(self.progress, action, self.now, clock_stops=self.clock_stops, reopen_window=WINDOW)  # type: ignore[arg-type]
            assert refused.value.extra["current"] == state
            assert set(refused.value.extra["allowed"]) == set(allowed_actions(self.progress, self.now, WINDOW))
            return
        self.progress = step(self.progress, action, self.now, clock_stops=self.clock_stops, reopen_window=WINDOW)  # type: ignore[arg-type]
        assert self.progress.state == MOVES[action][1]  # type: ignore[index]
        if action == "wait" and self.clock_stops:
            self.stopped_since = self.now
        if action == "resume" and self.stopped_since is not None:
            self.stopped += self.now - self.stopped_since
            self.stopped_since = None
        if action == "reopen":
            self.reopenings += 1
            self.stopped, self.stopped_since = dt.timedelta(), None

    @rule(stops=st.booleans())
    def policy_changes(self, stops: bool) -> None:
        before = self.progress.paused_seconds
        self.progress = policy_changed(self.progress, self.now, clock_stops=stops)
        self.clock_stops = stops
        if self.progress.state == "waiting_for_client":
            if stops and self.stopped_since is None:
                self.stopped_since = self.now
            elif not stops and self.stopped_since is not None:
                self.stopped += self.now - self.stopped_since
                self.stopped_since = None
        assert self.progress.paused_seconds >= before  # time already stopped is never lost

    @invariant()
    def the_stopped_time_is_what_the_model_counted(self) -> None:
        assert self.progress.paused_seconds == int(self.stopped.total_seconds())
        assert self.progress.paused_since == self.stopped_since

    @invariant()
    def the_moments_follow_the_state(self) -> None:
        p = self.progress
        assert (p.first_contact_at is None) == (p.state == "received")
        assert (p.replied_at is not None) == (p.state in ("replied", "closed"))
        assert (p.closed_at is not None) == (p.state == "closed")
        assert p.paused_since is None or p.state == "waiting_for_client"
        assert p.round == self.reopenings
        assert p.clock_started_at >= p.received_at

    @invariant()
    def only_answered_orders_may_be_reopened(self) -> None:
        allowed = allowed_actions(self.progress, self.now, WINDOW)
        assert ("reopen" in allowed) <= (self.progress.state not in OPEN_STATES)


TestWorkOrderMachine = WorkOrderMachine.TestCase
TestWorkOrderMachine.settings = settings(max_examples=120, stateful_step_count=40, deadline=None, derandomize=True)


def test_a_refusal_names_the_state_and_the_allowed_actions() -> None:
    with pytest.raises(TransitionNotAllowed) as refused:
        step(
            Progress(received_at=START, clock_started_at=START),
            "resolve",
            START,
            clock_stops=True,
            reopen_window=WINDOW,
        )
    assert refused.value.extra == {"current": "received", "requested": "resolved", "allowed": ["acknowledge"]}


def test_a_dispute_after_the_window_cannot_reopen_the_order() -> None:
    replied = Progress(
        state="replied",
        received_at=START,
        clock_started_at=START,
        first_contact_at=START,
        resolved_at=START,
        replied_at=START,
    )
    assert allowed_actions(replied, START + WINDOW, WINDOW) == ["close", "reopen"]
    assert allowed_actions(replied, START + WINDOW + dt.timedelta(seconds=1), WINDOW) == ["close"]
