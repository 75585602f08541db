"""The touchpoint catalogue and the versioned standards written for each touchpoint."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, UTCDateTime, utcnow

STANDARD_STATES = ("draft", "pilot", "published", "retired")


class Touchpoint(Base):
    """One kind of contact between bank and client (door reception, counter service…).

    ``owner`` is ``"bank"`` for touchpoints the bank defines, or the name of the plugin that
    contributed it through ``register_touchpoints``.
    """

    __tablename__ = "touchpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    channel: Mapped[str] = mapped_column(sa.String(16))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    owner: Mapped[str] = mapped_column(sa.String(64), default="bank")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.CheckConstraint("channel IN ('branch', 'phone', 'e_banking', 'visit')", name="channel"),)


class StandardVersion(Base):
    """One version of a touchpoint's standard: outputs, inputs and controls.

    A version is edited only while a draft. It is in force from ``pilot_started_at`` at the
    pilot units (and their subtrees), and from ``published_at`` everywhere, until
    ``retired_at`` (publishing a newer version retires the one before). Partial unique
    indexes keep at most one published and one pilot version per touchpoint.
    """

    __tablename__ = "standard_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    touchpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("touchpoint.id"), index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(16))
    title: Mapped[str] = mapped_column(sa.String(200))
    outputs: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    controls: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    based_on_id: Mapped[int | None] = mapped_column(sa.ForeignKey("standard_version.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(sa.String(80))
    pilot_started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.UniqueConstraint("touchpoint_id", "number"),
        sa.CheckConstraint(f"status IN {STANDARD_STATES}", name="status"),
        sa.Index(
            "uq_standard_version_one_published",
            "touchpoint_id",
            unique=True,
            sqlite_where=sa.text("status = 'published'"),
            postgresql_where=sa.text("status = 'published'"),
        ),
        sa.Index(
            "uq_standard_version_one_pilot",
            "touchpoint_id",
            unique=True,
            sqlite_where=sa.text("status = 'pilot'"),
            postgresql_where=sa.text("status = 'pilot'"),
        ),
    )


class PilotUnit(Base):
    """A unit (with its subtree) where a pilot version is in force."""

    __tablename__ = "standard_pilot_unit"

    version_id: Mapped[int] = mapped_column(sa.ForeignKey("standard_version.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), primary_key=True)
