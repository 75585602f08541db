"""Routes for clients (being written)."""

from typing import Any

HANDLERS: list[Any] = []
