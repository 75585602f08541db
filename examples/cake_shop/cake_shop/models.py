"""The plugin's table: one row per birthday cake booked for a client. Its name carries the
plugin's prefix (``cake_shop_``); it references the core's clients and units, never the
reverse, so uninstalling the plugin never breaks the core's schema."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk import Base, UTCDateTime


class Delivery(Base):
    """A birthday cake the bank offers a client, delivered by the cake shop on ``deliver_on``.

    ``birthday_year`` is the year of the birthday it celebrates: a client gets one cake a
    birthday, which the unique constraint holds even against two bookings at once."""

    __tablename__ = "cake_shop_delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("client.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    birthday_year: Mapped[int] = mapped_column(sa.Integer)
    cake: Mapped[str] = mapped_column(sa.String(20))
    greeting: Mapped[str] = mapped_column(sa.String(40))
    deliver_on: Mapped[dt.date] = mapped_column(sa.Date)
    booked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    booked_by: Mapped[str] = mapped_column(sa.String(80))

    __table_args__ = (sa.UniqueConstraint("client_id", "birthday_year"),)
