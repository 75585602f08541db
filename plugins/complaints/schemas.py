"""The plugin's msgspec Structs: its per-unit settings and its request and response bodies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec

from core.sdk import FiniteDecimal, Moment
from plugins.complaints.calendar import DayKind
from plugins.complaints.i18n import _
from plugins.complaints.lifecycle import State
from plugins.complaints.sla import Deadline, DeadlineKey, Policy

Channel = Literal["counter", "lobby", "phone", "e_banking", "letter", "regulator"]
Severity = Literal["low", "medium", "high"]
Category = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{1,39}$", description="a category code")]
Region = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$", description="country, or country-subdivision")
]
Note = Annotated[str, msgspec.Meta(max_length=4000)]
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=8000)]
MAX_COMPENSATION = Decimal(10_000_000)
DEFAULT_CATEGORIES = ["service_attitude", "waiting_time", "fees", "mis_selling", "system_failure", "privacy", "other"]


class ComplaintSettings(msgspec.Struct, forbid_unknown_fields=True):
    """Per-unit settings (``register_settings_schema``), inherited down the tree key by key."""

    region: Region = "CN"
    """Whose holiday calendar counts this unit's deadlines (fixed on each order at intake)."""
    categories: list[Category] = msgspec.field(default_factory=lambda: list(DEFAULT_CATEGORIES))
    serious_categories: list[Category] = msgspec.field(default_factory=lambda: ["privacy"])
    """Handled at head office from intake."""
    serious_channels: list[Channel] = msgspec.field(default_factory=lambda: ["regulator"])
    """Channels whose complaints are handled at head office from intake (regulator referrals)."""
    reopen_window_days: Annotated[int, msgspec.Meta(ge=0, le=365)] = 30
    staff_points_per_justified: Annotated[int, msgspec.Meta(ge=-20, le=0)] = -2
    """What each justified complaint adds to the staff member's score and scorecard adjustments."""
    unit_points_per_justified: Annotated[int, msgspec.Meta(ge=-20, le=0)] = -1
    """What each justified complaint in a unit's subtree adds to the unit's score."""


# --- work orders -----------------------------------------------------------------------


class ContactIn(msgspec.Struct, forbid_unknown_fields=True):
    """How to reach the complainant (required for an anonymous one: a phone or an e-mail)."""

    name: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    phone: Annotated[str, msgspec.Meta(pattern=r"^\+?[0-9 -]{5,20}$")] | None = None
    email: Annotated[str, msgspec.Meta(pattern=r"^[^@\s]+@[^@\s]+$", max_length=200)] | None = None


class IntakeIn(msgspec.Struct, forbid_unknown_fields=True):
    """A complaint as it arrives, from any channel."""

    channel: Channel
    category: Category
    severity: Severity
    content: Text
    client: str | None = None
    contact: ContactIn | None = None
    staff: str | None = None
    """The member of staff complained about, if any."""
    received_at: Moment | None = None
    """When the complaint reached the bank (default: now); deadlines count from its local date."""
    attachments: Annotated[
        list[Annotated[str, msgspec.Meta(min_length=1, max_length=400)]], msgspec.Meta(max_length=20)
    ] = msgspec.field(default_factory=list)
    told_time_limit: bool | None = None
    """Intake standard: the client was told the time limit for a decision."""
    reference_given: bool | None = None
    """Intake standard: the client was given the work order's number."""


class NoteIn(msgspec.Struct, forbid_unknown_fields=True):
    note: Note = ""


class ResolveIn(msgspec.Struct, forbid_unknown_fields=True):
    """The proposed resolution, and whether the complaint was justified."""

    resolution: Text
    justified: bool
    apology_given: bool
    compensation: FiniteDecimal = Decimal(0)
    """CNY, zero or more, at most two decimal places."""
    note: Note = ""

    def problems(self) -> list[tuple[str, str]]:
        if not (0 <= self.compensation <= MAX_COMPENSATION) or self.compensation.as_tuple().exponent < -2:  # type: ignore[operator]
            return [
                (
                    "compensation",
                    _("must be between 0 and {most} CNY, with at most two decimal places").format(
                        most=MAX_COMPENSATION
                    ),
                )
            ]
        return []


class ReasonIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason


class ExtensionDecisionIn(msgspec.Struct, forbid_unknown_fields=True):
    approve: bool
    note: Note = ""
    """Required when rejecting: the reason."""


class ContactOut(msgspec.Struct):
    name: str | None
    phone: str | None
    email: str | None


class NextDeadline(msgspec.Struct):
    """A deadline counting down: what it is, when, and how long is left (negative once it has
    passed; frozen while the clock stands still)."""

    key: DeadlineKey
    due_at: dt.datetime
    seconds_left: int
    paused: bool


class OrderSummary(msgspec.Struct):
    """One line of the queue."""

    id: str
    unit: str
    handling_unit: str
    escalation_level: int
    state: State
    channel: Channel
    category: str
    severity: Severity
    serious: bool
    received_at: dt.datetime
    next_deadline: NextDeadline | None
    """The deadline the order must meet next."""
    first_contact: NextDeadline | None
    """Until the first contact is made (None afterwards)."""
    decision: NextDeadline | None
    """The binding decision deadline (``decision``, ``extended`` or ``further``), until the
    decision is told (None once replied)."""
    breached: bool
    client: str | None
    complainant: ContactOut


class OrderPage(msgspec.Struct):
    items: list[OrderSummary]
    next_cursor: str | None


class QueueFigures(msgspec.Struct):
    """A unit's open orders (its subtree's, not yet closed) as a dashboard shows them."""

    unit: str
    open: int
    overdue: int
    """Past a deadline they have not met (the queue's ``overdue`` filter)."""
    escalated: int
    """Handled above the unit complained about."""
    due_soon: int
    """With a deadline in the next 24 hours."""


class StepOut(msgspec.Struct):
    at: dt.datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str
    note: str
    details: dict[str, Any]


class ExtensionOut(msgspec.Struct):
    id: str
    level: int
    round: int
    reason: str
    requested_by: str
    requested_at: dt.datetime
    status: Literal["pending", "approved", "rejected"]
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str | None


class OrderOut(msgspec.Struct):
    """A work order with all its deadlines, steps and extensions."""

    summary: OrderSummary
    content: str
    attachments: list[str]
    staff: str | None
    region: str
    round: int
    paused_seconds: int
    intake_event: str | None
    justified: bool | None
    apology_given: bool | None
    compensation: Decimal | None
    resolution: str | None
    deadlines: list[Deadline]
    steps: list[StepOut]
    extensions: list[ExtensionOut]


# --- configuration ---------------------------------------------------------------------


class PolicyIn(msgspec.Struct, forbid_unknown_fields=True):
    policy: Policy
    reason: Reason


class PolicyOut(msgspec.Struct):
    category: str
    severity: Severity
    policy: Policy
    set_at: str | None
    """The unit whose policy applies here (None: the defaults)."""


class CalendarDayIn(msgspec.Struct, forbid_unknown_fields=True):
    kind: DayKind
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    reason: Reason


class SeedIn(msgspec.Struct, forbid_unknown_fields=True):
    year: Annotated[int, msgspec.Meta(ge=2000, le=2100)]
    reason: Reason


class CalendarDayOut(msgspec.Struct):
    day: dt.date
    kind: DayKind
    name: str
    source: Literal["seed", "bank"]
    changed_by: str
    changed_at: dt.datetime


class CalendarOut(msgspec.Struct):
    region: str
    year: int
    days: list[CalendarDayOut]
    redated: int = 0
    """Open orders whose due dates a change re-dated."""


# --- the client 360° view --------------------------------------------------------------


class ViewItem(msgspec.Struct):
    id: str
    unit: str
    state: State
    category: str
    severity: Severity
    received_at: dt.datetime
    next_due_at: dt.datetime | None
    justified: bool | None
    contact_phone: str | None
    """Masked for roles without ``clients.personal_data``."""


class ComplaintsSection(msgspec.Struct):
    total: int
    open: int
    justified: int
    recent: list[ViewItem]
