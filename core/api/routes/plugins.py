"""Routes for plugins (being written)."""

from typing import Any

HANDLERS: list[Any] = []
