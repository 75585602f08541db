"""``touchstone serve`` on a port another process holds fails at once, naming the host and port
(in Chinese, or in English when asked), instead of announcing that it answers (the other process would)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main


@pytest.mark.parametrize("demo", [[], ["--demo"]])
def test_a_taken_port_is_named_and_nothing_is_announced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: list[str]
) -> None:
    monkeypatch.setenv("TOUCHSTONE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TOUCHSTONE_DATABASE_URL", raising=False)
    with socket.create_server(("127.0.0.1", 0)) as other:
        port = other.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), *demo])
        english = CliRunner().invoke(main, ["--lang", "en", "serve", "--port", str(port), *demo])
    assert result.exit_code == 1 and english.exit_code == 1
    assert f"无法在 127.0.0.1:{port} 上提供服务：端口已被占用" in result.output
    assert f"Cannot serve on 127.0.0.1:{port}: the port is taken (Address already in use)" in english.output
    assert "answering" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "touchstone.db").exists()  # it stopped before touching (or loading) anything
