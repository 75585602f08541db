"""The plugin's tables, all prefixed ``complaints_``; they reference core tables, never the
reverse, so removing the plugin leaves the core's schema whole.

An order stores the due dates its policy and the calendar give (:class:`~plugins.complaints.
sla.DueDates`) so the SLA sweep and the queue select overdue orders in SQL; they are
re-dated whenever something they depend on changes (a step, an extension, a policy, the
calendar, the counting rule itself). Durations to first contact and to resolution are stored as seconds when they
happen, so reports aggregate integers on every database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk import Base, JSONDocument, Money, UTCDateTime
from plugins.complaints.lifecycle import STATES

CHANNELS = ("counter", "lobby", "phone", "e_banking", "letter", "regulator")
SEVERITIES = ("low", "medium", "high")
EXTENSION_STATES = ("pending", "approved", "rejected")
DAY_KINDS = ("holiday", "workday")
BASES = ("calendar", "working")


class WorkOrder(Base):
    """One complaint: who complained about which unit, what about, and where it stands.

    ``unit_id`` is the unit complained about (who may see the order follows from it);
    ``handling_unit_id`` is the unit that must act, moved one level up per missed deadline.
    The complainant's personal data (``complainant_*``, ``content``, ``resolution``) is
    wiped when the client is purged; the rest stays for statistics.
    """

    __tablename__ = "complaints_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    handling_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    client_id: Mapped[int | None] = mapped_column(sa.ForeignKey("client.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff.id"), index=True)
    complainant_name: Mapped[str | None] = mapped_column(sa.String(200))
    complainant_phone: Mapped[str | None] = mapped_column(sa.String(32))
    complainant_email: Mapped[str | None] = mapped_column(sa.String(200))
    channel: Mapped[str] = mapped_column(sa.String(16))
    category: Mapped[str] = mapped_column(sa.String(40))
    severity: Mapped[str] = mapped_column(sa.String(8))
    serious: Mapped[bool] = mapped_column(sa.Boolean)
    content: Mapped[str] = mapped_column(sa.Text)
    attachments: Mapped[list[str]] = mapped_column(JSONDocument)
    region: Mapped[str] = mapped_column(sa.String(16))
    state: Mapped[str] = mapped_column(sa.String(24))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    registered_by: Mapped[str] = mapped_column(sa.String(80))
    intake_event: Mapped[str | None] = mapped_column(sa.String(40))
    clock_started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    first_contact_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    replied_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    paused_seconds: Mapped[int] = mapped_column(sa.Integer, default=0)
    paused_since: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    round: Mapped[int] = mapped_column(sa.Integer, default=0)
    extension_level: Mapped[int] = mapped_column(sa.Integer, default=0)
    first_contact_due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decision_due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decision_key: Mapped[str] = mapped_column(sa.String(24))
    next_due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    counting_rule: Mapped[int] = mapped_column(sa.Integer, server_default="1")
    """The version of the counting rule the due dates were computed by (:data:`~plugins.
    complaints.calendar.COUNTING_RULE`); rows written before it was recorded were counted by
    the first, which moved only holidays. The SLA sweep re-dates open orders counted by an
    older rule before it escalates anything."""
    first_contact_escalated: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    decision_escalated_key: Mapped[str | None] = mapped_column(sa.String(24))
    breached_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    first_contact_seconds: Mapped[int | None] = mapped_column(sa.Integer)
    resolution_seconds: Mapped[int | None] = mapped_column(sa.Integer)
    justified: Mapped[bool | None] = mapped_column(sa.Boolean)
    apology_given: Mapped[bool | None] = mapped_column(sa.Boolean)
    compensation: Mapped[Decimal | None] = mapped_column(Money)
    resolution: Mapped[str | None] = mapped_column(sa.Text)
    purged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.Index("ix_complaints_order_report", "received_at", "unit_id", "category"),
        sa.Index("ix_complaints_order_sweep", "state", "decision_due_at"),
        sa.CheckConstraint(f"state IN {STATES}", name="state"),
        sa.CheckConstraint(f"channel IN {CHANNELS}", name="channel"),
        sa.CheckConstraint(f"severity IN {SEVERITIES}", name="severity"),
    )


class Step(Base):
    """One step of an order (intake, each transition, extension, escalation): who, when, what."""

    __tablename__ = "complaints_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("complaints_order.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(sa.String(80))
    action: Mapped[str] = mapped_column(sa.String(24))
    from_state: Mapped[str | None] = mapped_column(sa.String(24))
    to_state: Mapped[str] = mapped_column(sa.String(24))
    note: Mapped[str] = mapped_column(sa.Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONDocument)


class Extension(Base):
    """An extension of the decision deadline: level 1 (to 30 days) is granted by the handling
    unit, level 2 (a further 30) waits for approval from the level above. A rejected request
    may be made again; at most one is pending per order (checked under the order's lock)."""

    __tablename__ = "complaints_extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("complaints_order.id"), index=True)
    round: Mapped[int] = mapped_column(sa.Integer)
    level: Mapped[int] = mapped_column(sa.Integer)
    reason: Mapped[str] = mapped_column(sa.Text)
    requested_by: Mapped[str] = mapped_column(sa.String(80))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(sa.String(16))
    decided_by: Mapped[str | None] = mapped_column(sa.String(80))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(sa.Text)

    __table_args__ = (
        sa.CheckConstraint(f"status IN {EXTENSION_STATES}", name="status"),
        sa.CheckConstraint("level IN (1, 2)", name="level"),
    )


class CalendarDay(Base):
    """A holiday or make-up working day of a region: the bank's calendar, seeded from the
    ``holidays`` package and maintained through the API."""

    __tablename__ = "complaints_calendar_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(sa.String(16))
    day: Mapped[dt.date] = mapped_column(sa.Date)
    kind: Mapped[str] = mapped_column(sa.String(8))
    name: Mapped[str] = mapped_column(sa.String(200))
    source: Mapped[str] = mapped_column(sa.String(8))
    changed_by: Mapped[str] = mapped_column(sa.String(80))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.UniqueConstraint("region", "day"),
        sa.CheckConstraint(f"kind IN {DAY_KINDS}", name="kind"),
    )


class SlaPolicy(Base):
    """A policy set at a unit for one category × severity; units below inherit it unless
    they set their own (the code's defaults apply where no unit on the path sets one)."""

    __tablename__ = "complaints_sla_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"))
    category: Mapped[str] = mapped_column(sa.String(40))
    severity: Mapped[str] = mapped_column(sa.String(8))
    first_contact_days: Mapped[int] = mapped_column(sa.Integer)
    first_contact_basis: Mapped[str] = mapped_column(sa.String(8))
    decision_days: Mapped[int] = mapped_column(sa.Integer)
    extended_days: Mapped[int] = mapped_column(sa.Integer)
    further_days: Mapped[int] = mapped_column(sa.Integer)
    decision_basis: Mapped[str] = mapped_column(sa.String(8))
    clock_stops_while_waiting: Mapped[bool] = mapped_column(sa.Boolean)
    changed_by: Mapped[str] = mapped_column(sa.String(80))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.UniqueConstraint("unit_id", "category", "severity"),
        sa.CheckConstraint(f"first_contact_basis IN {BASES}", name="first_contact_basis"),
        sa.CheckConstraint(f"decision_basis IN {BASES}", name="decision_basis"),
    )
