"""What the perks screens check as a person types, before anything is sent.

Each rule mirrors one the API enforces (the schema's code pattern, a cost in fen, local
dates, whole numbers within the schema's bounds) and says it in the same words, so a person
learns the rule at the field instead of from a refused request. The API stays the authority:
what only it can know (a code already taken, an unknown tier) comes back as its field errors.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from textual.validation import Integer, ValidationResult, Validator

from plugins.vip_benefits.i18n import _

CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_cost(text: str) -> Decimal | None:
    """``"180.5"`` → ``Decimal("180.5")``, blank → ``None``; ``ValueError`` naming the rule."""
    if not text.strip():
        return None
    try:
        cost = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(_("a sum of money like 180.00")) from None
    if not cost.is_finite():
        raise ValueError(_("a sum of money like 180.00"))
    if cost < 0:
        raise ValueError(_("must be zero or more"))
    if cost.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(_("at most two decimal places (fen)"))
    return cost


def parse_date(text: str) -> dt.date | None:
    """A local date as ``YYYY-MM-DD``, blank → ``None``; ``ValueError`` naming the rule."""
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(_("a date as YYYY-MM-DD")) from None


class Code(Validator):
    """A catalogue code (or, when ``optional``, nothing at all)."""

    def __init__(self, *, optional: bool = False) -> None:
        super().__init__()
        self.optional = optional

    def validate(self, value: str) -> ValidationResult:
        if (self.optional and not value.strip()) or (CODE.match(value) and len(value) <= 64):
            return self.success()
        return self.failure(_("lower-case letters, digits and _, starting with a letter"))


def whole(maximum: int) -> Integer:
    """A whole number from 0 to ``maximum`` (quotas, companions, hours)."""
    return Integer(
        minimum=0, maximum=maximum, failure_description=_("a whole number from 0 to {most}").format(most=f"{maximum:,}")
    )
