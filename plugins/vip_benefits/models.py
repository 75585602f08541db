"""The perks programme's tables, all prefixed ``vip_benefits_``.

They reference core tables (``client``, ``org_unit``) and no core table references them, so
removing the plugin never breaks the core's schema. A client's balance is not stored: it is
counted from the redemptions in the entitlement's window, so a cancellation gives back
exactly what it took and no counter can drift. :class:`QuotaGuard` exists only to be locked:
concurrent redemptions of one perk for one client queue on its row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk import Base, Money, UTCDateTime

PROVIDERS = ("bank", "merchant")
FULFILMENTS = ("booking", "voucher", "on_the_spot")
PERIODS = ("calendar_year", "rolling_12_months", "month")
STATUSES = ("booked", "redeemed", "cancelled")
DIRECTIONS = ("upgrade", "downgrade")
CARE_STATUSES = ("open", "done")


class Perk(Base):
    """One perk of the catalogue: who provides it, how it is fulfilled, when it can be used.

    ``active_from``/``active_until`` are local (China Standard Time) dates, both inclusive;
    ``unit_cost`` is what one redemption costs the bank (reports sum it);
    ``cancel_window_hours`` is how long after a redemption it can be cancelled with the quota
    given back (a booking no later than its booked time).
    """

    __tablename__ = "vip_benefits_perk"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text)
    provider: Mapped[str] = mapped_column(sa.String(16))
    merchant_code: Mapped[str | None] = mapped_column(sa.String(64))
    merchant_name: Mapped[str | None] = mapped_column(sa.String(200))
    fulfilment: Mapped[str] = mapped_column(sa.String(16))
    active_from: Mapped[dt.date | None] = mapped_column(sa.Date)
    active_until: Mapped[dt.date | None] = mapped_column(sa.Date)
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)
    cancel_window_hours: Mapped[int] = mapped_column(sa.Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.CheckConstraint(f"provider IN {PROVIDERS}", name="provider"),
        sa.CheckConstraint(f"fulfilment IN {FULFILMENTS}", name="fulfilment"),
        sa.CheckConstraint("(provider = 'merchant') = (merchant_code IS NOT NULL)", name="merchant"),
    )


class Entitlement(Base):
    """A rule set at one unit: clients of ``tier`` get ``quota`` uses of a perk per ``period``,
    each with up to ``companions`` companions. The nearest unit on a client's path that sets
    a rule for the tier and perk wins; a quota of 0 withdraws a perk below a generous unit."""

    __tablename__ = "vip_benefits_entitlement"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"))
    perk_id: Mapped[int] = mapped_column(sa.ForeignKey("vip_benefits_perk.id"), index=True)
    tier: Mapped[str] = mapped_column(sa.String(32))
    quota: Mapped[int] = mapped_column(sa.Integer)
    period: Mapped[str] = mapped_column(sa.String(24))
    companions: Mapped[int] = mapped_column(sa.Integer)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(sa.String(80))

    __table_args__ = (
        sa.UniqueConstraint("unit_id", "perk_id", "tier"),
        sa.CheckConstraint(f"period IN {PERIODS}", name="period"),
        sa.CheckConstraint("quota >= 0 AND companions >= 0", name="non_negative"),
    )


class Redemption(Base):
    """One use (or booking) of a perk by a client, served at ``unit_id``.

    ``client_unit_id`` and ``tier`` are the client's when it was made (whose rules applied);
    ``unit_cost`` is the perk's cost at that time; ``event_id`` names the service event
    recorded on the perk-redemption touchpoint. It counts against the quota until cancelled.
    """

    __tablename__ = "vip_benefits_redemption"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("client.id"))
    perk_id: Mapped[int] = mapped_column(sa.ForeignKey("vip_benefits_perk.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    client_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"))
    tier: Mapped[str] = mapped_column(sa.String(32))
    status: Mapped[str] = mapped_column(sa.String(16))
    companions: Mapped[int] = mapped_column(sa.Integer)
    scheduled_for: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    voucher_code: Mapped[str | None] = mapped_column(sa.String(32))
    note: Mapped[str | None] = mapped_column(sa.String(400))
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)
    redeemed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    redeemed_by: Mapped[str] = mapped_column(sa.String(80))
    cancel_deadline: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(sa.String(80))
    cancel_reason: Mapped[str | None] = mapped_column(sa.Text)
    event_id: Mapped[str | None] = mapped_column(sa.String(40))

    __table_args__ = (
        sa.Index("ix_vip_benefits_redemption_quota", "client_id", "perk_id", "redeemed_at"),
        sa.Index("ix_vip_benefits_redemption_report", "redeemed_at", "unit_id"),
        sa.CheckConstraint(f"status IN {STATUSES}", name="status"),
    )


class QuotaGuard(Base):
    """One row per client and perk, locked by every redemption of that perk for that client
    (an upsert that updates it, which row-locks it on PostgreSQL; SQLite's single writer does
    the same), so the count of what was used and the new redemption happen as one step."""

    __tablename__ = "vip_benefits_quota_guard"

    client_id: Mapped[int] = mapped_column(sa.ForeignKey("client.id"), primary_key=True)
    perk_id: Mapped[int] = mapped_column(sa.ForeignKey("vip_benefits_perk.id"), primary_key=True)


class TierMove(Base):
    """A client's move between tiers, as the lifecycle hook told it: an upgrade remembers
    whether the new quota is pro rata for the rest of the period; a downgrade keeps the old
    tier's entitlements until ``grace_until``. The latest move is the one that counts."""

    __tablename__ = "vip_benefits_tier_move"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("client.id"), index=True)
    old_tier: Mapped[str] = mapped_column(sa.String(32))
    new_tier: Mapped[str] = mapped_column(sa.String(32))
    direction: Mapped[str] = mapped_column(sa.String(16))
    moved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    prorated: Mapped[bool] = mapped_column(sa.Boolean)
    grace_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.CheckConstraint(f"direction IN {DIRECTIONS}", name="direction"),)


class CareTask(Base):
    """A client-care moment to act on (a birthday): at most one per client, kind and year,
    enforced by the database so two job runs, even on two hosts, never create a second."""

    __tablename__ = "vip_benefits_care_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("client.id"))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    year: Mapped[int] = mapped_column(sa.Integer)
    due_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(8))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[str | None] = mapped_column(sa.String(80))

    __table_args__ = (
        sa.UniqueConstraint("client_id", "kind", "year"),
        sa.CheckConstraint(f"status IN {CARE_STATUSES}", name="status"),
    )
