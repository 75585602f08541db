"""Assessments entered by managers for the customer-manager scorecard."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, UTCDateTime

SCORECARD_ITEMS = ("marketing", "basic_service", "service_quality", "work_planning", "product_knowledge", "adjustment")


class ScorecardEntry(Base):
    """One assessed item for a staff member and period: marketing attainment (actual ÷
    target), a process item (0–10) or a manual adjustment (points, with a note)."""

    __tablename__ = "scorecard_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("staff.id"), index=True)
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    item: Mapped[str] = mapped_column(sa.String(32))
    value: Mapped[str] = mapped_column(sa.String(32))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    set_by: Mapped[str] = mapped_column(sa.String(80))
    set_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (sa.UniqueConstraint("staff_id", "period_start", "period_end", "item"),)
