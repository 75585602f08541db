"""The ``touchstone`` command line against a real database (names operators script against)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main


def test_migrate_pending_says_up_to_date_on_a_migrated_database(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("migrate", "--pending")
    assert result.exit_code == 0
    assert "core：已是最新" in result.output


def test_migrate_upgrades_an_empty_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TOUCHSTONE_DATABASE_URL", raising=False)
    runner = CliRunner()
    pending = runner.invoke(main, ["migrate", "--pending"])
    assert "core: 0001 core schema" in pending.output
    assert runner.invoke(main, ["migrate"]).exit_code == 0
    assert (tmp_path / "touchstone.db").exists()
    assert "core：已是最新" in runner.invoke(main, ["migrate", "--pending"]).output


def test_demo_then_token_create_prints_the_secret_alone_on_the_last_line(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo", "--clients", "200").exit_code == 0
    result = cli("token", "create", "--role", "admin", "--unit", "HO")
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert secret.startswith("ts_") and " " not in secret
    listing = cli("token", "list", "--json")
    assert secret not in listing.output and "admin@HO" in listing.output
    token_id = json.loads(listing.output)[0]["id"]
    assert cli("token", "revoke", token_id).exit_code == 0
    assert [token["status"] for token in json.loads(cli("token", "list", "--json").output)] == ["revoked"]


def test_plugins_lists_the_core_and_the_sample_plugin(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("plugins")
    assert result.exit_code == 0
    assert "core" in result.output and "acme_lounge" in result.output and "1.0.0" in result.output


def test_jobs_list_and_run(cli) -> None:  # type: ignore[no-untyped-def]
    assert "archive-purge" in cli("jobs", "list").output
    result = cli("jobs", "run", "outbox")
    assert result.exit_code == 0 and "outbox：已投递 0 条" in result.output


def test_an_unknown_job_exits_non_zero_naming_the_known_ones(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", database_url)
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["--lang", "en", "jobs", "run", "nope"])
    assert result.exit_code != 0 and "no job 'nope'; available: archive-purge, " in result.output
    assert "See `touchstone jobs list`" in result.output
    assert "retier" in result.output
