"""How the console names a client's codes for a person: kinds, states, tiers, the actions
of their history and the fields those actions change. The API answers codes (scripts read
them); the console shows them in the person's language, and a code it has no name for (a
bank's own tier) as itself."""

from __future__ import annotations

from console import labels
from core.i18n import lazy_gettext

KINDS = {"retail": lazy_gettext("retail"), "corporate": lazy_gettext("corporate")}
STATES = {
    "prospect": lazy_gettext("prospect"),
    "active": lazy_gettext("active"),
    "dormant": lazy_gettext("dormant"),
    "closed": lazy_gettext("closed"),
    "archived": lazy_gettext("archived"),
    "purged": lazy_gettext("purged"),
}
TIERS = {code: lazy_gettext(text) for code, text in labels.TIERS.items()}
LEVELS = {"low": lazy_gettext("low"), "medium": lazy_gettext("medium"), "high": lazy_gettext("high")}
SIZES = {"small": lazy_gettext("small"), "medium": lazy_gettext("medium"), "large": lazy_gettext("large")}
ACTIONS = {
    "created": lazy_gettext("created"),
    "updated": lazy_gettext("updated"),
    "state": lazy_gettext("state changed"),
    "archived": lazy_gettext("archived"),
    "restored": lazy_gettext("restored"),
    "tier": lazy_gettext("tier changed"),
    "manager": lazy_gettext("manager assigned"),
}
FIELDS = {
    "kind": lazy_gettext("Client kind"),
    "name": lazy_gettext("Client name"),
    "state": lazy_gettext("State"),
    "tier": lazy_gettext("Tier"),
    "unit": lazy_gettext("Home unit"),
    "manager": lazy_gettext("Manager"),
    "id_number": lazy_gettext("ID number"),
    "phone": lazy_gettext("Phone"),
    "email": lazy_gettext("Email"),
    "address": lazy_gettext("Address"),
    "birthday": lazy_gettext("Birthday"),
    "assets_under_management": lazy_gettext("Assets"),
    "deposits": lazy_gettext("Deposits"),
    "risk_class": lazy_gettext("Risk"),
    "size": lazy_gettext("Size"),
}
"""A client's fields by the name the API gives them."""
