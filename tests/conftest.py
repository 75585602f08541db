"""The project's own fixtures; the shared ones (databases on SQLite and PostgreSQL, the
network, the app, tokens, plugin switches) come from the testing kit, :mod:`core.testing`,
which pytest loads through its ``pytest11`` entry point.

PostgreSQL is configured for this suite in ``pyproject.toml`` (``touchstone_postgres``, the
local server unless ``TOUCHSTONE_TEST_PG_URL`` says otherwise): when it is unreachable the
PostgreSQL half of every database test is skipped with the reason, unless ``CI=true``: then
the run fails, because CI must prove both databases.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The sample third-party plugin is "installed" the way pip would: a package plus its
# .dist-info (with the entry point) on sys.path, found by discovery, never registered by hand.
pytest.register_assert_rewrite("tests.support")
SAMPLE_SITE = Path(__file__).parent / "fixtures" / "site"
sys.path.insert(0, str(SAMPLE_SITE))

pytest_plugins = ["tests.support", "pytester"]
