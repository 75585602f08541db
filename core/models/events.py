"""Service events, the nonconformities their failed controls raise, and batch receipts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, UTCDateTime

EVENT_OUTCOMES = ("pass", "fail", "none")
NONCONFORMITY_STATES = ("open", "action_recorded", "verified", "closed")


class ServiceEvent(Base):
    """One actual contact, evaluated against the standard version in force at its unit and time.

    ``outcome`` is ``pass`` when no control failed, ``fail`` when one did, ``none`` when no
    standard was in force or no control applied. ``evaluation`` keeps each control's verdict
    with the measured value and threshold. The report index covers the compliance report's
    GROUP BY so it never reads the wide row.
    """

    __tablename__ = "service_event"

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    touchpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("touchpoint.id"))
    version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("standard_version.id"))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff.id"), index=True)
    client_id: Mapped[int | None] = mapped_column(sa.ForeignKey("client.id"), index=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(sa.String(16))
    measurements: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    outcome: Mapped[str] = mapped_column(sa.String(8))
    evaluation: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    recorded_by: Mapped[str] = mapped_column(sa.String(80))

    __table_args__ = (
        sa.Index("ix_service_event_report", "occurred_at", "unit_id", "touchpoint_id", "outcome"),
        sa.Index("ix_service_event_version", "version_id", "occurred_at"),
        sa.CheckConstraint(f"outcome IN {EVENT_OUTCOMES}", name="outcome"),
    )


class Nonconformity(Base):
    """A failed control on one event: open → action_recorded → verified → closed."""

    __tablename__ = "nonconformity"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    event_id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), sa.ForeignKey("service_event.id"), index=True
    )
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    touchpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("touchpoint.id"))
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("standard_version.id"))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff.id"))
    control_key: Mapped[str] = mapped_column(sa.String(64))
    control_name: Mapped[str] = mapped_column(sa.String(200))
    severity: Mapped[str] = mapped_column(sa.String(16))
    measured: Mapped[Any] = mapped_column(JSONDocument, nullable=True)
    expected: Mapped[Any] = mapped_column(JSONDocument, nullable=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="open")
    raised_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    corrective_action: Mapped[str | None] = mapped_column(sa.Text)
    action_by: Mapped[str | None] = mapped_column(sa.String(80))
    action_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verified_by: Mapped[str | None] = mapped_column(sa.String(80))
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(sa.String(80))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.Index("ix_nonconformity_open", "status", "due_at"),
        sa.CheckConstraint(f"status IN {NONCONFORMITY_STATES}", name="status"),
    )
