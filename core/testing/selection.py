"""Leaving out a test's database half that can prove nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def deselect_halves(
    config: pytest.Config, items: list[pytest.Item], unwanted: Callable[[pytest.Item, str], bool]
) -> None:
    """Leave out (deselect, not skip) each test's database half for which ``unwanted(item,
    backend)`` holds: a half that can prove nothing is not reported as a skip. Call it from
    ``pytest_collection_modifyitems``."""
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec is not None else None
        (drop if backend is not None and unwanted(item, backend) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
