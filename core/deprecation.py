"""Deprecated public names: they keep working, with a warning naming their replacement.

The SDK's names follow semantic versioning: removing or renaming one takes a release in
which the old name still works but warns (a :class:`TouchstoneDeprecationWarning` naming
the replacement and the release that removes it), kept for at least one minor version.
Hooks follow the same rule through pluggy's ``warn_on_impl`` on their specification.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple


class TouchstoneDeprecationWarning(DeprecationWarning):
    """A plugin uses a name or hook that a later release removes."""


class Deprecated(NamedTuple):
    """``replacement`` is ``"module:name"``; ``since`` and ``removed_in`` are versions."""

    replacement: str
    since: str
    removed_in: str


def module_getattr(module: str, deprecated: Mapping[str, Deprecated]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for ``module`` that serves each deprecated name as its
    replacement, warning at the caller's line (PEP 562)."""

    def __getattr__(name: str) -> Any:
        entry = deprecated.get(name)
        if entry is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        target_module, _, target = entry.replacement.partition(":")
        warnings.warn(
            f"{module}.{name} is deprecated since {entry.since} and goes in {entry.removed_in}: "
            f"use {target_module}.{target}",
            TouchstoneDeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(target_module), target)

    return __getattr__


SDK_DEPRECATED = {
    # what plugins imported from core.services.outbox before the SDK existed
    "Message": Deprecated("core.sdk:QueuedMessage", since="0.2", removed_in="0.3"),
}
sdk_getattr = module_getattr("core.sdk", SDK_DEPRECATED)
