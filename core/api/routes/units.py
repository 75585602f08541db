"""Routes for units (being written)."""

from typing import Any

HANDLERS: list[Any] = []
