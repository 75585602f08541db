"""Fixtures for the console's tests, on SQLite only. They live in :mod:`tests.console.support`
(which says why SQLite only), shared with the tests of plugins' console screens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console.support import (  # noqa: F401  (fixtures, and helpers the tests import from here)
    console_for,
    demo_console,
    demo_database,
    extensions,
    highlight,
    home,
    keep_sqlite_half,
    paste,
    published_standard,
    settle,
)

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep_sqlite_half(config, items, HERE)
