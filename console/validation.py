"""Local checks of a control, run as you type, before anything is sent.

A threshold is typed as text; what it must be depends on the control's kind (a number for
``compare``, true or false for ``boolean``, a list for ``one_of``). :func:`parse_threshold`
turns the text into that value or says why it cannot, and :func:`control_problems` then asks
the kind's own ``validate`` (the core's rules, :mod:`core.controls`, pure functions) so the
console flags exactly what the API would, at the same field names. Kinds only the server
knows (a plugin's) are left to the API, which stays the authority either way.
"""

from __future__ import annotations

import math
from typing import Any

from core.controls import CORE_CONTROL_KINDS
from core.i18n import _

KINDS = {kind.name: kind for kind in CORE_CONTROL_KINDS}
TRUE, FALSE = ("true", "yes", "是"), ("false", "no", "否")
CONTROL_FIELDS = ("comparator", "threshold", "params")


def parse_number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        value = float(text)  # ValueError says it is no number
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_threshold(kind: str, text: str) -> Any:
    """The threshold ``text`` means for ``kind``; ``ValueError`` with the rule it breaks."""
    text = text.strip()
    if kind == "compare":
        try:
            return parse_number(text)
        except ValueError:
            raise ValueError(_("threshold must be a number")) from None
    if kind == "boolean":
        if text.lower() in TRUE + FALSE:
            return text.lower() in TRUE
        raise ValueError(_("threshold must be true or false"))
    if kind == "one_of":
        values = [v.strip() for v in text.split(",") if v.strip()]
        if not values:
            raise ValueError(_("threshold must be a non-empty list of values"))
        return values
    if kind == "frequency_by_tier" or not text:
        return None
    return _scalar(text)


def parse_params(text: str) -> dict[str, Any]:
    """``tier=gold, period=month, at_least=1`` → a dict (whole numbers become numbers); values
    after a pair without a name of their own make its value a list, as the form shows one
    (``choices=standard, vip, none`` → ``["standard", "vip", "none"]``)."""
    params: dict[str, Any] = {}
    name = ""
    for piece in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = piece.partition("=")
        if sep and key.strip():
            name = key.strip()
            params[name] = _scalar(value.strip())
        elif not sep and name:
            params[name] = [*(params[name] if isinstance(params[name], list) else [params[name]]), _scalar(piece)]
        else:
            raise ValueError(_("params must be name=value pairs separated by commas"))
    return params


def _scalar(text: str) -> Any:
    try:
        return parse_number(text)
    except ValueError:
        return {"true": True, "false": False}.get(text.lower(), text)


def control_problems(control: dict[str, Any]) -> list[tuple[str, str]]:
    """What the control's kind objects to, as (field, message); nothing for unknown kinds."""
    kind = KINDS.get(control["kind"])
    if kind is None:
        return []
    return [
        (next((f for f in CONTROL_FIELDS if message.startswith(f)), "kind"), message)
        for message in kind.validate(control)
    ]
