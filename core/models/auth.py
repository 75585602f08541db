"""Principals that are not staff, and the API tokens every principal authenticates with."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, UTCDateTime, utcnow


class ServiceAccount(Base):
    """A non-human principal (an integration, a script, a partner system) at one unit."""

    __tablename__ = "service_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    roles: Mapped[list[str]] = mapped_column(JSONDocument)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiToken(Base):
    """An opaque bearer token. Only its SHA-256 is stored; the secret is shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff.id"), index=True)
    service_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("service_account.id"), index=True)
    label: Mapped[str] = mapped_column(sa.String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.CheckConstraint("(staff_id IS NULL) <> (service_account_id IS NULL)", name="one_principal"),)
