"""The plugin's msgspec Structs: per-unit settings, and the bodies of the catalogue,
entitlement, balance, redemption and care-task routes (report rows live with the reports)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, UnsetType

from core.sdk import FiniteDecimal, Measurements, Moment

Code = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Text = Annotated[str, msgspec.Meta(max_length=4000)]
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, description="Why; kept in the audit log")]
Tier = Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
Count = Annotated[int, msgspec.Meta(ge=0, le=10_000)]
Cost = Annotated[
    FiniteDecimal, msgspec.Meta(description="CNY per redemption, not negative, at most two decimal places")
]
Provider = Literal["bank", "merchant"]
Fulfilment = Literal["booking", "voucher", "on_the_spot"]
PeriodKind = Literal["calendar_year", "rolling_12_months", "month"]
Status = Literal["booked", "redeemed", "cancelled"]


class VipSettings(msgspec.Struct, forbid_unknown_fields=True):
    """Per-unit settings (``register_settings_schema``), inherited down the tree key by key."""

    prorate_upgrades: bool = True
    """An upgrade mid-period adds the new tier's extra quota in proportion to the time left."""
    downgrade_grace_days: Annotated[int, msgspec.Meta(ge=0, le=366)] = 90
    """How long a downgraded client keeps the old tier's entitlements."""
    birthday_look_ahead_days: Annotated[int, msgspec.Meta(ge=0, le=60)] = 7
    """The birthday job acts on birthdays from today to this many days ahead."""
    birthday_perk: Code = "birthday_cake"
    """The perk whose entitlement makes a client eligible for birthday care."""


# --- catalogue -------------------------------------------------------------------------------


class PerkIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    code: Code
    name: Name
    fulfilment: Fulfilment
    description: Text = ""
    provider: Provider = "bank"
    merchant_code: Code | None = None
    merchant_name: Name | None = None
    active_from: dt.date | None = None
    active_until: dt.date | None = None
    unit_cost: Cost | None = None
    cancel_window_hours: Annotated[int, msgspec.Meta(ge=0, le=8760)] = 24


class PerkPatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Only the fields sent change; ``null`` clears an optional field."""

    reason: Reason
    name: Name | UnsetType = UNSET
    description: Text | UnsetType = UNSET
    provider: Provider | UnsetType = UNSET
    merchant_code: Code | UnsetType | None = UNSET
    merchant_name: Name | UnsetType | None = UNSET
    fulfilment: Fulfilment | UnsetType = UNSET
    active_from: dt.date | UnsetType | None = UNSET
    active_until: dt.date | UnsetType | None = UNSET
    unit_cost: Cost | UnsetType | None = UNSET
    cancel_window_hours: Annotated[int, msgspec.Meta(ge=0, le=8760)] | UnsetType = UNSET

    def changes(self) -> dict[str, Any]:
        return {f: v for f in self.__struct_fields__ if f != "reason" and (v := getattr(self, f)) is not UNSET}


class PerkOut(msgspec.Struct):
    code: str
    name: str
    description: str
    provider: str
    merchant_code: str | None
    merchant_name: str | None
    fulfilment: str
    active_from: dt.date | None
    active_until: dt.date | None
    unit_cost: Decimal | None
    cancel_window_hours: int
    active_today: bool


class PerkPage(msgspec.Struct):
    items: list[PerkOut]
    next_cursor: str | None


# --- entitlements ----------------------------------------------------------------------------


class RuleOut(msgspec.Struct):
    """The rule in force at a unit for one tier, and the unit that set it."""

    tier: str
    quota: int
    period: str
    companions: int
    set_at: str
    inherited: bool


class PerkRules(msgspec.Struct):
    """One row of the entitlements editor: a perk and its rule per tier at the unit."""

    perk: str
    name: str
    rules: list[RuleOut]


class RulesPage(msgspec.Struct):
    unit: str
    tiers: list[str]
    items: list[PerkRules]
    next_cursor: str | None


class RuleIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    perk: Code
    tier: Tier
    quota: Count
    period: PeriodKind = "calendar_year"
    companions: Count = 0


class RuleRef(msgspec.Struct, forbid_unknown_fields=True):
    perk: Code
    tier: Tier


class RulesChange(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Everything an editor changed at one unit, saved in one call: rules to set there and
    rules to clear there (the unit inherits them again)."""

    reason: Reason
    set: Annotated[list[RuleIn], msgspec.Meta(max_length=500)] = msgspec.field(default_factory=list)
    clear: Annotated[list[RuleRef], msgspec.Meta(max_length=500)] = msgspec.field(default_factory=list)


# --- balance and redemptions -----------------------------------------------------------------


class GraceOut(msgspec.Struct):
    """A downgraded client keeps the tier they left's entitlements until ``until``."""

    from_tier: str
    until: dt.datetime


class PerkBalance(msgspec.Struct):
    perk: str
    name: str
    period: str
    window_start: dt.datetime
    window_end: dt.datetime
    quota: int
    used: int
    left: int
    companions: int
    set_at: str
    basis: Literal["tier", "grace", "pro_rata"]
    """Where the quota comes from: the client's tier, the grace after a downgrade, or a
    pro-rata upgrade in this period."""


class BalanceOut(msgspec.Struct):
    client: str
    tier: str | None
    unit: str
    as_of: dt.datetime
    grace: GraceOut | None
    perks: list[PerkBalance]


class RedemptionIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A perk redeemed (or booked) for a client at ``unit`` (default: the client's unit)."""

    client: str
    perk: Code
    unit: str | None = None
    companions: Count = 0
    scheduled_for: Moment | None = None
    """When a booking is for; required for perks fulfilled by booking, refused otherwise."""
    note: Annotated[str, msgspec.Meta(max_length=400)] | None = None
    measurements: Measurements = msgspec.field(default_factory=dict)
    """What the front desk measured (``identity_verified``, ``wait_minutes``…), judged by
    the perk-redemption standard if the bank publishes one."""


class RedemptionOut(msgspec.Struct):
    id: str
    client: str
    perk: str
    unit: str
    status: str
    tier: str
    companions: int
    scheduled_for: dt.datetime | None
    voucher_code: str | None
    note: str | None
    unit_cost: Decimal | None
    redeemed_at: dt.datetime
    redeemed_by: str
    cancel_deadline: dt.datetime
    cancelled_at: dt.datetime | None
    cancel_reason: str | None
    event: str | None


class Redeemed(msgspec.Struct):
    """The answer to a redemption: what was recorded and what is left in its window."""

    redemption: RedemptionOut
    quota: int
    used: int
    left: int
    window_end: dt.datetime


class RedemptionPage(msgspec.Struct):
    items: list[RedemptionOut]
    next_cursor: str | None


class Cancellation(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason


# --- client care -----------------------------------------------------------------------------


class CareTaskOut(msgspec.Struct):
    id: str
    client: str
    unit: str
    kind: str
    year: int
    due_on: dt.date | None
    status: str
    created_at: dt.datetime
    done_at: dt.datetime | None
    done_by: str | None


class CareTaskPage(msgspec.Struct):
    items: list[CareTaskOut]
    next_cursor: str | None


# --- client 360° view ------------------------------------------------------------------------


class RecentRedemption(msgspec.Struct):
    id: str
    perk: str
    unit: str
    status: str
    redeemed_at: dt.datetime


class VipSection(msgspec.Struct):
    """What the client 360° view shows: balance, grace period, recent redemptions (no
    personal data, so nothing to mask)."""

    tier: str | None
    grace: GraceOut | None
    balance: list[PerkBalance]
    recent: list[RecentRedemption]
