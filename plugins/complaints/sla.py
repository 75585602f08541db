"""SLA policies and the deadlines they give a work order (pure: no database).

A policy holds, for one category × severity, the first-contact period (default 1 working
day) and the decision period (default 15 calendar days), which a complex case may extend to
30 days and a particularly complex one by a further 30 with approval from the level above
(the rule in force since 2020). Every order shows all of its deadlines: first contact, the
decision, and each extension granted. The decision deadlines move by the time the clock
stood still while the order waited for the client.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from plugins.complaints.calendar import Basis, Calendar
from plugins.complaints.i18n import _
from plugins.complaints.lifecycle import OPEN_STATES, Progress

DeadlineKey = Literal["first_contact", "decision", "extended", "further"]
DeadlineStatus = Literal["pending", "overdue", "met", "missed", "superseded", "paused"]
DECISION_KEYS: tuple[DeadlineKey, ...] = ("decision", "extended", "further")
"""The decision deadline at each extension level (0: none granted, 1: extended, 2: further)."""


class Policy(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The deadlines of one category × severity. The limits keep a policy within the
    regulator's rule when it counts calendar days: a bank may be stricter, never laxer."""

    first_contact_days: Annotated[int, msgspec.Meta(ge=1, le=5)] = 1
    first_contact_basis: Basis = "working"
    decision_days: Annotated[int, msgspec.Meta(ge=1, le=15)] = 15
    extended_days: Annotated[int, msgspec.Meta(ge=1, le=30)] = 30
    further_days: Annotated[int, msgspec.Meta(ge=0, le=30)] = 30
    decision_basis: Basis = "calendar"
    clock_stops_while_waiting: bool = True

    def problems(self) -> list[tuple[str, str]]:
        """Rules between fields (each field's own range is checked when it is decoded)."""
        problems = []
        if self.extended_days < self.decision_days:
            problems.append(("extended_days", _("must be at least decision_days")))
        if self.first_contact_days > self.decision_days:
            problems.append(("first_contact_days", _("must not exceed decision_days")))
        return problems

    def decision_period(self, extension_level: int) -> int:
        """Days the decision may take at an extension level, counted from the round's start."""
        return (self.decision_days, self.extended_days, self.extended_days + self.further_days)[extension_level]


class Deadline(msgspec.Struct, frozen=True):
    """One deadline of an order and how it stands."""

    key: DeadlineKey
    due_at: dt.datetime
    met_at: dt.datetime | None
    status: DeadlineStatus


class DueDates(msgspec.Struct, frozen=True):
    """What an order stores so the sweep and the queue can work in SQL."""

    first_contact_due_at: dt.datetime
    decision_due_at: dt.datetime
    decision_key: str
    """Which decision deadline binds now, and in which round (``extended@0``): the sweep
    escalates once per key."""
    next_due_at: dt.datetime | None
    """The earliest deadline still running (None when none is: answered, or paused)."""


def _judge(key: DeadlineKey, due: dt.datetime, met: dt.datetime | None, now: dt.datetime) -> Deadline:
    if met is not None:
        return Deadline(key, due, met, "met" if met <= due else "missed")
    return Deadline(key, due, None, "overdue" if now > due else "pending")


def first_contact_due(progress: Progress, policy: Policy, calendar: Calendar) -> dt.datetime:
    return calendar.due(progress.received_at, policy.first_contact_days, policy.first_contact_basis)


def decision_due(progress: Progress, policy: Policy, calendar: Calendar, extension_level: int) -> dt.datetime:
    """The decision deadline at ``extension_level``, moved by the time the clock stood still."""
    due = calendar.due(progress.clock_started_at, policy.decision_period(extension_level), policy.decision_basis)
    return due + dt.timedelta(seconds=progress.paused_seconds)


def deadlines(
    progress: Progress, policy: Policy, calendar: Calendar, extension_level: int, now: dt.datetime
) -> list[Deadline]:
    """Every deadline of the order: first contact, then each decision deadline of the round."""
    shown = [_judge("first_contact", first_contact_due(progress, policy, calendar), progress.first_contact_at, now)]
    for level in range(extension_level + 1):
        key, due = DECISION_KEYS[level], decision_due(progress, policy, calendar, level)
        if level < extension_level:
            shown.append(Deadline(key, due, None, "superseded"))
        elif progress.paused_since is not None:
            shown.append(Deadline(key, due, None, "paused"))
        else:
            shown.append(_judge(key, due, progress.replied_at, now))
    return shown


def due_dates(progress: Progress, policy: Policy, calendar: Calendar, extension_level: int) -> DueDates:
    first = first_contact_due(progress, policy, calendar)
    decision = decision_due(progress, policy, calendar, extension_level)
    running = []
    if progress.first_contact_at is None:
        running.append(first)
    if progress.state in OPEN_STATES and progress.paused_since is None:
        running.append(decision)
    return DueDates(
        first_contact_due_at=first,
        decision_due_at=decision,
        decision_key=f"{DECISION_KEYS[extension_level]}@{progress.round}",
        next_due_at=min(running) if running else None,
    )
