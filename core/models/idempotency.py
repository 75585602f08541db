"""Answers kept under an ``Idempotency-Key``, so a request re-sent after a lost answer
is answered again instead of spending something twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, UTCDateTime


class IdempotencyRecord(Base):
    """The first answer to ``(principal, scope, key)``, with a digest of the request body
    it answered; kept for at least the retention period (``idempotency_retention_hours``)."""

    __tablename__ = "idempotency_record"

    key: Mapped[str] = mapped_column(sa.String(400), primary_key=True)
    """``<principal label>:<scope>:<client's key>``: keys never collide across callers or routes."""
    scope: Mapped[str] = mapped_column(sa.String(100))
    principal: Mapped[str] = mapped_column(sa.String(80))
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int] = mapped_column(sa.SmallInteger)
    response: Mapped[Any] = mapped_column(JSONDocument)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
