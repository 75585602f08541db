"""The durable outbox: messages queued with a change, delivered after it commits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, UTCDateTime

OUTBOX_STATES = ("pending", "delivered", "failed")


class OutboxRow(Base):
    """One message. ``key`` is unique and stable: queuing the same key twice keeps one."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    topic: Mapped[str] = mapped_column(sa.String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id"))
    client: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    """Public id of the client whose personal data the payload may carry: the purge job wipes
    the payloads of a purged client's messages and drops those not yet delivered."""
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    available_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(sa.String(64))

    __table_args__ = (
        sa.Index("ix_outbox_message_due", "status", "available_at"),
        sa.CheckConstraint(f"status IN {OUTBOX_STATES}", name="status"),
    )
