"""The command line, run in-process against the test's database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main


@pytest.fixture
def cli(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``cli("migrate", "--pending")`` → click's result; the command speaks the default language."""
    monkeypatch.setenv("TOUCHSTONE_DATABASE_URL", database_url)
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TOUCHSTONE_LANG", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)
