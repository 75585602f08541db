"""The words a person reads for the API's codes: a version's state, a channel, a tier, a role.

The API speaks in stable codes (``published``, ``e_banking``, ``private_banking``); screens
show them as words in the console's language. A code without a word here (a tier or role a
bank configured, a plugin's kind) is shown as it is.
"""

from __future__ import annotations

from core.i18n import N_, _

TIERS = {
    # the configured tiers of the default settings (a bank's own tier reads as its code)
    "private_banking": N_("private banking"),
    "gold": N_("gold"),
    "silver": N_("silver"),
    "mass": N_("mass"),
}
WORDS = {
    **TIERS,
    # a standard version's state
    "draft": N_("draft"),
    "pilot": N_("pilot"),
    "published": N_("published"),
    "retired": N_("retired"),
    # a touchpoint's channel
    "branch": N_("branch"),
    "phone": N_("phone"),
    "e_banking": N_("e-banking"),
    "visit": N_("visit"),
    # roles
    "teller": N_("teller"),
    "lobby_manager": N_("lobby manager"),
    "customer_manager": N_("customer manager"),
    "outlet_head": N_("outlet head"),
    "sub_branch_head": N_("sub-branch head"),
    "branch_service": N_("branch service"),
    "head_office_service": N_("head office service"),
    "operations": N_("operations"),
    "risk": N_("risk"),
    "compliance": N_("compliance"),
    "admin": N_("administrator"),
    # a control's severity
    "minor": N_("minor"),
    "major": N_("major"),
    "critical": N_("critical"),
}


def word(code: str | None) -> str:
    """The word for ``code`` in the console's language (the code itself when there is none)."""
    if not code:
        return ""
    found = WORDS.get(code)
    return _(found) if found else code
