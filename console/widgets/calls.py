"""Calling the API from a widget: a loading state while it runs, the problem on failure.

:func:`call_api` is what every screen (and plugin screen) wraps its requests in: the widget
named ``busy`` shows Textual's loading indicator meanwhile, and an :class:`ApiError` becomes
a notification with the problem's message; the screen stays as it was and usable.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from textual.dom import DOMNode
from textual.widget import Widget

from console.api import ApiError
from core.i18n import _

T = TypeVar("T")


async def call_api(node: DOMNode, call: Awaitable[T], *, busy: Widget | None = None) -> T | None:
    """Await ``call``; on an API error notify its message and return ``None``."""
    if busy is not None:
        busy.loading = True
    try:
        return await call
    except ApiError as error:
        node.notify(error.message, title=error.problem.title or _("The API refused"), severity="error", timeout=8)
        return None
    finally:
        if busy is not None and busy.is_attached:  # a widget removed meanwhile has no loading to end
            busy.loading = False
