"""How the console shows a work order's facts: Chinese labels for the bank's codes, SLA
countdowns as a person reads them (``2d 4h``, ``overdue 3h``) coloured by urgency, and the
escalation level beside the unit handling the order. Pure functions returning text."""

from __future__ import annotations

from rich.text import Text

from plugins.complaints.schemas import NextDeadline, OrderSummary

CATEGORIES = {
    "service_attitude": "服务态度",
    "waiting_time": "等候时间",
    "fees": "收费争议",
    "mis_selling": "误导销售",
    "system_failure": "系统故障",
    "privacy": "隐私信息",
    "other": "其他",
}
"""The default categories' names; a bank's own categories show as their codes."""
CHANNELS = {
    "counter": "柜面",
    "lobby": "大堂",
    "phone": "电话",
    "e_banking": "网银",
    "letter": "信函",
    "regulator": "监管转办",
}
SEVERITIES = {"low": "低", "medium": "中", "high": "高"}
STATES = {"waiting_for_client": "waiting"}
"""States whose name is too long for a queue column."""
DUE_SOON = 24 * 3600
"""Seconds left below which a countdown turns amber (red once it has passed)."""
UNITS = (("d", 86400), ("h", 3600), ("m", 60))


def category(code: str) -> str:
    return CATEGORIES.get(code, code)


def state(code: str) -> str:
    return STATES.get(code, code)


def span(seconds: int, units: int = 2) -> str:
    """A duration in its largest unit and the next (``2d 4h``, ``3h 0m``, ``45m``), or in the
    largest only with ``units=1`` (``3d``)."""
    parts: list[str] = []
    for suffix, size in UNITS:
        if parts or seconds >= size or suffix == "m":
            parts.append(f"{seconds // size}{suffix}")
            seconds %= size
        if len(parts) == units:
            break
    return " ".join(parts)


def countdown(left: NextDeadline | None, done: str = "✓") -> Text:
    """Time left to a deadline, coloured: red once overdue (``overdue 3h``), amber within a
    day, blue while the clock stands still (``paused 9d``); ``done`` (dim) when the deadline
    no longer runs."""
    if left is None:
        return Text(done, style="dim")
    if left.paused:
        return Text(f"paused {span(max(left.seconds_left, 0), units=1)}", style="blue")
    if left.seconds_left < 0:
        return Text(f"overdue {span(-left.seconds_left, units=1)}", style="bold red")
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
