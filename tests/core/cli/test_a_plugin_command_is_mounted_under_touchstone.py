"""Plugins add commands through ``register_commands``; ``touchstone`` mounts each by its name.
A plugin command that takes a name the core's command line has is refused with the plugin's
name and the rule, while the core's own commands go on working."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures"


def test_a_plugin_command_runs_and_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES / "command_site"))
    brewed = CliRunner().invoke(main, ["tea-tools", "brew", "龙井"])
    assert brewed.exit_code == 0, brewed.output
    assert brewed.output == "泡好了一壶龙井\n"
    listed = CliRunner().invoke(main, ["--help"])
    assert "tea-tools" in listed.output and "Tea for the bank's premium clients." in listed.output


def test_a_plugin_command_named_like_a_core_command_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES / "command_clash_site"))
    monkeypatch.setenv("TOUCHSTONE_LANG", "en")  # the rule's English text
    refused = CliRunner().invoke(main, ["--help"])
    assert refused.exit_code == 1
    assert "plugin 'usurper' breaks rule 'clash': command 'migrate' is already a touchstone command" in refused.output
    assert "Traceback" not in refused.output
    core_command = CliRunner().invoke(main, ["migrate", "--help"])
    assert core_command.exit_code == 0 and "Not the core's migrate." not in core_command.output
