"""Masking personal data for principals whose role does not need it.

One place decides what a masked value looks like, so lists, details, the 360° view and
history entries all mask the same way.
"""

from __future__ import annotations

from typing import Any

from core.principal import Principal

PERSONAL_FIELDS = frozenset({"id_number", "phone", "email", "address"})
PERMISSION = "clients.personal_data"


def mask_id_number(value: str) -> str:
    """Keep the region (first 6) and the last 4 characters: ``110105********1234``."""
    return value[:6] + "*" * max(len(value) - 10, 0) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    """Keep the carrier prefix and the last 4 digits: ``138****8000``."""
    return value[:3] + "*" * max(len(value) - 7, 0) + value[-4:] if len(value) > 7 else "*" * len(value)


def mask_email(value: str) -> str:
    name, _, domain = value.partition("@")
    return f"{name[:1]}***@{domain}" if domain else "***"


def mask_address(value: str) -> str:
    return value[:4] + "***" if len(value) > 4 else "***"


_MASKS = {"id_number": mask_id_number, "phone": mask_phone, "email": mask_email, "address": mask_address}


def mask(field: str, value: Any, principal: Principal) -> Any:
    """``value`` as ``principal`` may see it."""
    if value is None or field not in _MASKS or principal.can(PERMISSION):
        return value
    return _MASKS[field](str(value))
