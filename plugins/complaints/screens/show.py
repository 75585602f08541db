"""How the console shows a work order's facts: the bank's codes by their names in the
console's language, SLA countdowns as a person reads them (``2天4小时``, ``逾期3小时``)
coloured by urgency, and the escalation level beside the unit handling the order. Pure
functions returning text."""

from __future__ import annotations

from rich.text import Text

from core.sdk import named
from plugins.complaints.i18n import _, lazy_gettext
from plugins.complaints.schemas import NextDeadline, OrderSummary
from plugins.complaints.terms import CATEGORIES, CHANNELS, SEVERITIES, STATES

DUE_SOON = 24 * 3600
"""Seconds left below which a countdown turns amber (red once it has passed)."""
UNITS = ((lazy_gettext("{n}d"), 86400), (lazy_gettext("{n}h"), 3600), (lazy_gettext("{n}m"), 60))
"""A duration's units, largest first, each as a count of it is written."""
SHORT_STATES = {"waiting_for_client": lazy_gettext("waiting"), "resolved": lazy_gettext("to reply")}
"""States whose name is too long for a queue column."""


def category(code: str) -> str:
    return named(CATEGORIES, code)


def channel(code: str) -> str:
    return named(CHANNELS, code)


def severity(code: str) -> str:
    return named(SEVERITIES, code)


def state(code: str) -> str:
    return named(STATES, code)


def short_state(code: str) -> str:
    """A state's name as a queue column has room for it."""
    return named(SHORT_STATES, code) if code in SHORT_STATES else state(code)


def span(seconds: int, units: int = 2) -> str:
    """A duration in its largest unit and the next (``2天4小时``, ``3小时0分``, ``45分``), or
    in the largest only with ``units=1`` (``3天``)."""
    parts: list[str] = []
    for written, size in UNITS:
        if parts or seconds >= size or size == 60:
            parts.append(str(written).format(n=seconds // size))
            seconds %= size
        if len(parts) == units:
            break
    return _("{first} {second}").format(first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]


def countdown(left: NextDeadline | None, done: str = "✓") -> Text:
    """Time left to a deadline, coloured: red once overdue (``逾期3小时``), amber within a
    day, blue while the clock stands still (``暂停9天``); ``done`` (dim) when the deadline
    no longer runs."""
    if left is None:
        return Text(done, style="dim")
    if left.paused:
        return Text(_("paused {time}").format(time=span(max(left.seconds_left, 0), units=1)), style="blue")
    if left.seconds_left < 0:
        return Text(_("overdue {time}").format(time=span(-left.seconds_left, units=1)), style="bold red")
    return Text(span(left.seconds_left), style="dark_orange" if left.seconds_left < DUE_SOON else "green")


def handling(order: OrderSummary) -> Text:
    """The unit handling the order, with ``↑n`` when it was escalated n levels above the unit
    complained about (amber at one level, red from two)."""
    if order.escalation_level <= 0:
        return Text(order.handling_unit)
    return Text(
        f"{order.handling_unit} ↑{order.escalation_level}",
        style="dark_orange" if order.escalation_level == 1 else "bold red",
    )


def short_id(public_id: str) -> str:
    """The end of an order's id, enough to tell orders apart in a queue (the order view shows it whole)."""
    return "…" + public_id[-6:]
