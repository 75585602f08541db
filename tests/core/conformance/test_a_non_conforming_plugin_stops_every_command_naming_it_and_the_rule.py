"""The start-up rules run before every command, as before the API: a plugin that breaks one
stops the command with the plugin's name, the rule and where to look further, never a
traceback. (``touchstone serve`` and ``create_app``: test_a_plugin_route_that_declares_no_
permission_stops_start_up.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main

UNGUARDED_SITE = Path(__file__).parents[2] / "fixtures" / "unguarded_site"


@pytest.mark.parametrize("command", [["plugins"], ["migrate", "--pending"], ["jobs", "list"]])
def test_a_command_refuses_to_start_naming_the_plugin_and_the_rule(
    command: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(UNGUARDED_SITE))
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TOUCHSTONE_DATABASE_URL", raising=False)
    monkeypatch.setenv("TOUCHSTONE_LANG", "en")  # the rule's English text
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert (
        "plugin 'leaky_lounge' breaks rule 'permission': routes that declare no permission: "
        "GET /api/v1/plugins/leaky_lounge/visitors" in result.output
    )
    assert "Run `touchstone plugin check` for the whole report." in result.output
    assert "Traceback" not in result.output and not (tmp_path / "touchstone.db").exists()
