"""Routes for tokens (being written)."""

from typing import Any

HANDLERS: list[Any] = []
