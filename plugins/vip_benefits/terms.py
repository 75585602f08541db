"""What the programme's codes are called in the viewer's language: redemption states,
quota periods (and their short form in a grid cell), where a quota comes from, who provides a
perk and how it is fulfilled. The 360° view's section (server side) and the console screens
both name them from here, so one word means one thing everywhere."""

from __future__ import annotations

from plugins.vip_benefits.i18n import lazy_gettext

STATUSES = {
    "booked": lazy_gettext("booked"),
    "redeemed": lazy_gettext("redeemed"),
    "cancelled": lazy_gettext("cancelled"),
}
PERIODS = {
    "calendar_year": lazy_gettext("calendar year"),
    "month": lazy_gettext("month"),
    "rolling_12_months": lazy_gettext("rolling 12 months"),
}
PER = {
    "calendar_year": lazy_gettext("/yr"),
    "month": lazy_gettext("/mo"),
    "rolling_12_months": lazy_gettext("/12m"),
}
"""A period as a grid cell writes it after the quota (``6/yr``)."""
PROVIDERS = {"bank": lazy_gettext("the bank"), "merchant": lazy_gettext("partner merchant")}
FULFILMENTS = {
    "voucher": lazy_gettext("voucher"),
    "booking": lazy_gettext("booking"),
    "on_the_spot": lazy_gettext("on the spot"),
}
BASES = {"tier": lazy_gettext("tier"), "grace": lazy_gettext("grace period"), "pro_rata": lazy_gettext("pro rata")}
