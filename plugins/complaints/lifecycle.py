"""The life of a complaint work order, as pure functions (no database, no clock).

received → acknowledged (the first contact with the client) → investigating → resolved →
replied (the decision told to the client) → closed. While investigating, the order may wait
for the client (``waiting_for_client``); if the unit's policy says so, the SLA clock stops
meanwhile and the time stopped is added to ``paused_seconds``, which is kept whatever later
happens to the policy. Within the reopen window after the reply the client may dispute the
decision: the order goes back to investigating, and a new round of the decision deadline
starts from the reopening.

The services map a stored order to :class:`Progress`, call :func:`step` and store what comes
back, so every rule of the state machine lives here and is property-tested without a database.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from core.sdk import TransitionNotAllowed
from plugins.complaints.i18n import _

State = Literal["received", "acknowledged", "investigating", "waiting_for_client", "resolved", "replied", "closed"]
Action = Literal["acknowledge", "investigate", "wait", "resume", "resolve", "reply", "close", "reopen"]
STATES: tuple[State, ...] = (
    "received",
    "acknowledged",
    "investigating",
    "waiting_for_client",
    "resolved",
    "replied",
    "closed",
)
MOVES: dict[Action, tuple[tuple[State, ...], State]] = {
    "acknowledge": (("received",), "acknowledged"),
    "investigate": (("acknowledged",), "investigating"),
    "wait": (("investigating",), "waiting_for_client"),
    "resume": (("waiting_for_client",), "investigating"),
    "resolve": (("investigating",), "resolved"),
    "reply": (("resolved",), "replied"),
    "close": (("replied",), "closed"),
    "reopen": (("replied", "closed"), "investigating"),
}
"""Action → (states it may start from, state it leads to)."""
ACTIONS: tuple[Action, ...] = tuple(MOVES)
OPEN_STATES: tuple[State, ...] = ("received", "acknowledged", "investigating", "waiting_for_client", "resolved")
"""States in which the decision deadline is still running (the client has no answer yet)."""


class Progress(msgspec.Struct, frozen=True, kw_only=True):
    """Where an order stands: its state and the moments that decide its deadlines."""

    state: State = "received"
    received_at: dt.datetime
    clock_started_at: dt.datetime
    """Receipt, or the latest reopening: the decision deadline of the round counts from here."""
    first_contact_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    replied_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    paused_seconds: int = 0
    """Time the clock stood still in this round (closed pauses only)."""
    paused_since: dt.datetime | None = None
    """Start of the pause in progress, if the clock is stopped now."""
    round: int = 0
    """How many times the order was reopened."""


def allowed_actions(progress: Progress, at: dt.datetime, reopen_window: dt.timedelta) -> list[Action]:
    """The actions possible on ``progress`` at ``at`` (named in a refusal)."""
    allowed = [action for action, (sources, _) in MOVES.items() if progress.state in sources]
    if "reopen" in allowed and not _within_window(progress, at, reopen_window):
        allowed.remove("reopen")
    return allowed


def _within_window(progress: Progress, at: dt.datetime, window: dt.timedelta) -> bool:
    return progress.replied_at is not None and at <= progress.replied_at + window


def _stopped_for(progress: Progress, at: dt.datetime) -> int:
    """Whole seconds of the pause in progress up to ``at`` (0 when the clock runs)."""
    return int((at - progress.paused_since).total_seconds()) if progress.paused_since else 0


def step(
    progress: Progress, action: Action, at: dt.datetime, *, clock_stops: bool, reopen_window: dt.timedelta
) -> Progress:
    """``progress`` after ``action`` at ``at``; raises :class:`TransitionNotAllowed` naming
    the allowed actions when ``action`` is not one of them.

    :param clock_stops: whether the policy stops the SLA clock while waiting for the client.
    :param reopen_window: how long after the reply the client may dispute the decision.
    """
    allowed = allowed_actions(progress, at, reopen_window)
    if action not in allowed:
        raise TransitionNotAllowed(
            _("complaint"), progress.state, MOVES[action][1] if action in MOVES else action, allowed
        )
    to = MOVES[action][1]
    changes: dict[str, object] = {"state": to}
    if action == "acknowledge":
        changes["first_contact_at"] = at
    elif action == "wait":
        changes["paused_since"] = at if clock_stops else None
    elif action == "resume":
        changes.update(paused_seconds=progress.paused_seconds + _stopped_for(progress, at), paused_since=None)
    elif action == "resolve":
        changes["resolved_at"] = at
    elif action == "reply":
        changes["replied_at"] = at
    elif action == "close":
        changes["closed_at"] = at
    elif action == "reopen":
        changes.update(
            clock_started_at=at,
            resolved_at=None,
            replied_at=None,
            closed_at=None,
            paused_seconds=0,
            paused_since=None,
            round=progress.round + 1,
        )
    return msgspec.structs.replace(progress, **changes)


def policy_changed(progress: Progress, at: dt.datetime, *, clock_stops: bool) -> Progress:
    """``progress`` under a policy that now does (or does not) stop the clock while waiting.

    Time already stopped stays stopped: a pause in progress is closed at ``at`` and kept in
    ``paused_seconds`` when the clock no longer stops; a wait in progress stops the clock
    from ``at`` on (never retroactively) when it now does.
    """
    if progress.state != "waiting_for_client" or (progress.paused_since is not None) == clock_stops:
        return progress
    if clock_stops:
        return msgspec.structs.replace(progress, paused_since=at)
    return msgspec.structs.replace(
        progress, paused_seconds=progress.paused_seconds + _stopped_for(progress, at), paused_since=None
    )
