"""Clients and the history of every change made to them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, Money, UTCDateTime, utcnow


class Client(Base):
    """A retail or corporate client of one unit.

    Personal data (``name``, ``id_number``, ``phone``, ``email``, ``address``, ``birthday``)
    is wiped when the client is purged; the row stays, anonymised, so statistics that
    count it keep adding up.
    """

    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    name: Mapped[str] = mapped_column(sa.String(200))
    id_number: Mapped[str | None] = mapped_column(sa.String(40))
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    address: Mapped[str | None] = mapped_column(sa.String(400))
    birthday: Mapped[dt.date | None] = mapped_column(sa.Date)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    assets_under_management: Mapped[Decimal | None] = mapped_column(Money)
    deposits: Mapped[Decimal | None] = mapped_column(Money)
    risk_class: Mapped[str | None] = mapped_column(sa.String(16))
    size: Mapped[str | None] = mapped_column(sa.String(16))
    tier: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    manager_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff.id"), index=True)
    state: Mapped[str] = mapped_column(sa.String(16), index=True)
    state_before_archive: Mapped[str | None] = mapped_column(sa.String(16))
    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    purge_after: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        sa.CheckConstraint("kind IN ('retail', 'corporate')", name="kind"),
        sa.CheckConstraint(
            "state IN ('prospect', 'active', 'dormant', 'closed', 'archived', 'purged')",
            name="state",
        ),
    )


class ClientHistory(Base):
    """One change to a client: what changed (before/after per field), who did it, and why."""

    __tablename__ = "client_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("client.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(sa.String(80))
    action: Mapped[str] = mapped_column(sa.String(32))
    reason: Mapped[str] = mapped_column(sa.Text)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
