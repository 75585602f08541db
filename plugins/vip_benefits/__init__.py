"""VIP perks by client tier: a perk catalogue, per-unit entitlements, quota-safe redemption
and client-care moments such as birthdays."""

__version__ = "0.1.0"
