"""``touchstone plugins`` on a fresh install, before ``touchstone migrate``: it lists every
installed plugin with its version and hooks, and where each is enabled says the database is
not migrated, instead of failing. After migrating, that column says where each is on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main


def test_plugins_are_listed_and_the_database_is_said_to_need_migrating(
    empty_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("COLUMNS", "400")  # one line per plugin
    runner = CliRunner()
    result = runner.invoke(main, ["plugins"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[1]: line for line in result.output.splitlines() if line.count("│") >= 5}
    assert {"core", "complaints", "vip_benefits", "acme_lounge"} <= set(rows)
    assert "1.0.0" in rows["acme_lounge"] and "register_routes" in rows["acme_lounge"]
    assert all("数据库尚未迁移：请先运行 `touchstone migrate`" in row for name, row in rows.items() if name != "插件")

    assert runner.invoke(main, ["migrate"]).exit_code == 0
    migrated = runner.invoke(main, ["--lang", "en", "plugins"]).output
    assert "not migrated" not in migrated and "everywhere (core)" in migrated and "nowhere" in migrated
    listed = {plugin["name"]: plugin for plugin in json.loads(runner.invoke(main, ["plugins", "--json"]).output)}
    assert listed["core"]["always_on"] and listed["acme_lounge"]["enabled_at"] == []
