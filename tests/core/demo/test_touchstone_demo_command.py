"""``touchstone demo`` loads the network into the configured database, prints a summary, and
exits non-zero (saying why) on a database that already has one or is not migrated."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from core.cli import main

WEEK_OF_HISTORY = "demo_history_days = 7\n"
"""What these tests read needs no more history than a week."""


@pytest.fixture
def touchstone(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", database_url)
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    (tmp_path / "touchstone.toml").write_text(WEEK_OF_HISTORY, encoding="utf-8")
    return lambda *args: CliRunner().invoke(main, list(args))


def test_demo_loads_the_network_and_prints_a_summary(touchstone) -> None:  # type: ignore[no-untyped-def]
    result: Result = touchstone("demo", "--clients", "200")
    assert result.exit_code == 0, result.output
    assert "Demo network loaded" in result.output
    assert "29" in result.output and "200" in result.output and "silver" in result.output


def test_a_second_demo_exits_non_zero_saying_why(touchstone) -> None:  # type: ignore[no-untyped-def]
    assert touchstone("demo", "--clients", "20").exit_code == 0
    again = touchstone("demo", "--clients", "20")
    assert again.exit_code == 1 and "已有机构数据" in again.output


def test_demo_on_an_unmigrated_database_says_to_migrate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["demo", "--clients", "10"])
    assert result.exit_code == 1 and "touchstone migrate" in result.output


def test_demo_tiers_clients_by_the_configured_thresholds(
    touchstone,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "touchstone.toml"
    config.write_text(WEEK_OF_HISTORY + "[tiers]\ndiamond = 1000000\nstandard = 0\n", encoding="utf-8")
    monkeypatch.setenv("TOUCHSTONE_CONFIG", str(config))
    result = touchstone("demo", "--clients", "200")
    assert result.exit_code == 0, result.output
    assert "diamond" in result.output and "standard" in result.output and "silver" not in result.output
