"""Routes for audit (being written)."""

from typing import Any

HANDLERS: list[Any] = []
