"""Routes for outbox (being written)."""

from typing import Any

HANDLERS: list[Any] = []
