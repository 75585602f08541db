"""The command line, run in-process against the test's database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main


@pytest.fixture
def cli(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``cli("migrate", "--pending")`` → click's result; the command speaks the default language
    and a demo writes a week of service history (what these tests read needs no more)."""
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", database_url)
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    (tmp_path / "touchstone.toml").write_text("demo_history_days = 7\n", encoding="utf-8")
    monkeypatch.delenv("TOUCHSTONE_LANG", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)
