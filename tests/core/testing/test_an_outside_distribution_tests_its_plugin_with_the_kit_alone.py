"""A plugin's own test suite, outside this repository (no ``tests`` package of ours, no
conftest), uses the kit's fixtures by name because installing ``touchstone[test]`` loads it
through the ``pytest11`` entry point. Its database tests run on SQLite; PostgreSQL joins
only when the author asks for it with ``--touchstone-postgres URL``."""

from __future__ import annotations

import pytest

from core.testing import databases
from tests.conftest import SAMPLE_SITE

PYPROJECT = """
[tool.pytest.ini_options]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "function"
"""

TEST = '''
import importlib.util


async def test_a_teller_records_a_gold_clients_visit(client, token_for, enable_plugin, seeded_network):
    assert importlib.util.find_spec("tests") is None  # nothing of Touchstone's own suite
    await enable_plugin("acme_lounge", "SB1")
    gold = seeded_network.clients["gold", "OUT1"]
    answer = await client.post("/api/v1/plugins/acme_lounge/visits", json={"client": gold.public_id, "airport": "PEK"},
                               headers=await token_for("teller", "OUT1"))
    assert answer.status_code == 201, answer.text
    assert answer.json()["free"] is True


async def test_elsewhere_it_is_off(client, token_for, enable_plugin):
    await enable_plugin("acme_lounge", "SB1")
    answer = await client.get("/api/v1/plugins/acme_lounge/visits", headers=await token_for("teller", "OUT3"))
    assert answer.status_code == 404 and answer.json()["plugin"] == "acme_lounge"
'''


@pytest.fixture
def outside(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A plugin distribution's checkout: the plugin installed (on the path, with its
    metadata), a pyproject and a test module; no PostgreSQL in its environment."""
    monkeypatch.setenv("PYTHONPATH", str(SAMPLE_SITE))
    monkeypatch.delenv(databases.PG_ENV, raising=False)
    pytester.makepyprojecttoml(PYPROJECT)
    pytester.makepyfile(test_lounge=TEST)
    return pytester


def test_without_postgresql_configured_its_tests_run_on_sqlite_alone(outside: pytest.Pytester) -> None:
    result = outside.runpytest_subprocess("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_a_teller_records_a_gold_clients_visit[[]sqlite[]] PASSED*"])
    result.stdout.no_fnmatch_line("*[[]postgresql[]]*")


@pytest.mark.postgres_only  # the outside suite needs a server to opt into
def test_asked_to_use_postgresql_its_tests_run_on_both(backend: str, outside: pytest.Pytester,
                                                       request: pytest.FixtureRequest) -> None:
    url = databases.configured_url(request.config)
    assert url is not None
    result = outside.runpytest_subprocess("-v", "-p", "no:cacheprovider", f"{databases.PG_OPTION}={url}")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["*test_elsewhere_it_is_off[[]sqlite[]] PASSED*",
                                 "*test_elsewhere_it_is_off[[]postgresql[]] PASSED*"])
