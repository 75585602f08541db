"""``--web --embedded`` lets every browser in as an administrator (no login: the session's
token is issued in-process, as in the terminal), so it refuses an address other machines
reach, before it prepares anything, and says why in Chinese."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from core.cli import main


def test_the_embedded_web_console_refuses_an_address_other_machines_reach(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["console", "--web", "--embedded", "--host", "0.0.0.0"],
        env={"TOUCHSTONE_DATA_DIR": str(tmp_path), "TOUCHSTONE_LANG": "zh_CN"},
    )

    assert result.exit_code == 2
    assert "只能在 127.0.0.1 上提供服务" in result.output
    assert list(tmp_path.iterdir()) == []  # no database was made
