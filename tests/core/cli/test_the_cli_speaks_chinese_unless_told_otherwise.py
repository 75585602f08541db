"""Every command speaks Chinese by default; ``TOUCHSTONE_LANG`` or ``--lang`` (which wins)
ask for English, and ``--lang`` names the languages it knows when given another."""

from __future__ import annotations

import pytest


def test_chinese_by_default_english_from_the_environment_or_the_option(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def core_line(*options: str) -> str:
        return cli(*options, "migrate", "--pending").output.splitlines()[0]

    assert core_line() == "core：已是最新"
    assert core_line("--lang", "en") == "core: up to date"
    assert core_line() == "core：已是最新"  # --lang lasted one command
    monkeypatch.setenv("TOUCHSTONE_LANG", "en")
    assert core_line() == "core: up to date"
    assert core_line("--lang", "zh-CN") == "core：已是最新"


def test_an_unknown_language_is_a_usage_error_naming_the_known_ones(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", "fr", "migrate")
    assert result.exit_code == 2
    assert "Invalid value for '--lang': unsupported language 'fr'; supported: zh_CN, en" in result.output
