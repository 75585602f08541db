"""Routes for staff (being written)."""

from typing import Any

HANDLERS: list[Any] = []
