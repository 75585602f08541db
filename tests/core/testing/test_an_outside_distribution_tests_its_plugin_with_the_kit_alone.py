"""A plugin's own test suite, outside this repository (no ``tests`` package of ours, no
conftest), uses the kit's fixtures by name because installing ``touchstone[test]`` loads it
through the ``pytest11`` entry point. Its database tests run on SQLite; PostgreSQL joins
only when the author asks for it with ``--touchstone-postgres URL``. The suite is the
example of ``docs/plugins.md``."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.testing import databases
from tests.conftest import SAMPLE_SITE

DOCS = Path(__file__).parents[3] / "docs" / "plugins.md"
INDEPENDENT = """
import importlib.util


def test_nothing_of_touchstones_own_suite_is_importable():
    assert importlib.util.find_spec("tests") is None
"""


def documented(language: str) -> str:
    """The first ``language`` block of docs/plugins.md's "Testing your plugin" (the
    pyproject settings, the example test), so the page cannot rot."""
    section = DOCS.read_text(encoding="utf-8").split("## Testing your plugin", 1)[1]
    return section.split(f"```{language}\n", 1)[1].split("```", 1)[0]


@pytest.fixture
def outside(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A plugin distribution's checkout: the plugin installed (on the path, with its
    metadata), the documented pyproject settings and test; no PostgreSQL in its environment."""
    monkeypatch.setenv("PYTHONPATH", str(SAMPLE_SITE))
    monkeypatch.delenv(databases.PG_ENV, raising=False)
    pytester.makepyprojecttoml(documented("toml"))
    pytester.makepyfile(test_lounge=documented("python"), test_independent=INDEPENDENT)
    return pytester


def test_without_postgresql_configured_its_tests_run_on_sqlite_alone(outside: pytest.Pytester) -> None:
    result = outside.runpytest_subprocess("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*test_a_teller_records_a_gold_clients_visit[[]sqlite[]] PASSED*"])
    result.stdout.no_fnmatch_line("*[[]postgresql[]]*")


@pytest.mark.postgres_only  # the outside suite needs a server to opt into
def test_asked_to_use_postgresql_its_tests_run_on_both(
    backend: str, outside: pytest.Pytester, request: pytest.FixtureRequest
) -> None:
    url = databases.configured_url(request.config)
    assert url is not None
    result = outside.runpytest_subprocess("-v", "-p", "no:cacheprovider", f"{databases.PG_OPTION}={url}")
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(
        ["*test_elsewhere_it_is_off[[]sqlite[]] PASSED*", "*test_elsewhere_it_is_off[[]postgresql[]] PASSED*"]
    )
