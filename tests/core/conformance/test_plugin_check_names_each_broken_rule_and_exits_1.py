"""``touchstone plugin check [NAME]`` prints a table of what breaks the rules, naming the
plugin and the rule, and exits 1; NAME narrows it to one plugin. The rules too slow for
start-up are its alone: a plugin whose wheel lacks files still lets every other command start."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures"


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed beside the others: a plugin with a route that declares no permission, and one
    whose wheel lacks its migrations and styles."""
    monkeypatch.syspath_prepend(str(FIXTURES / "unguarded_site"))
    monkeypatch.syspath_prepend(str(FIXTURES / "unshipped_site"))


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["plugin", "check", *args], env={"COLUMNS": "400"})
    return result.exit_code, result.output


def rows(output: str) -> list[tuple[str, str]]:
    """(plugin, rule) of each row of the table."""
    cells = [[cell.strip() for cell in line.strip("│ ").split("│")] for line in output.splitlines() if "│" in line]
    return [(cells_[0], cells_[1]) for cells_ in cells if cells_[0] not in ("plugin", "")]


def test_every_broken_rule_is_a_row_naming_the_plugin(broken: None) -> None:
    code, output = check()
    assert code == 1, output
    assert rows(output) == [("leaky_lounge", "permission"), ("half_lounge", "wheel")]
    assert "GET /api/v1/plugins/leaky_lounge/visitors" in output and "half_lounge/screens.tcss" in output
    assert "Traceback" not in output


def test_a_name_narrows_the_report_to_that_plugin(broken: None) -> None:
    code, output = check("half_lounge")
    assert (code, rows(output)) == (1, [("half_lounge", "wheel")])
    assert check("acme_lounge") == (0, "✓ acme_lounge: every conformance rule holds\n")


def test_a_name_that_is_not_installed_is_refused() -> None:
    code, output = check("no_such_plugin")
    assert code == 2 and "no plugin 'no_such_plugin' is installed" in output


def test_other_commands_start_with_a_plugin_whose_wheel_lacks_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES / "unshipped_site"))
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TOUCHSTONE_DATABASE_URL", raising=False)
    listed = CliRunner().invoke(main, ["plugins"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    assert "half_lounge" in listed.output
