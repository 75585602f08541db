"""``touchstone console --url`` remembers the server per profile in a file only its owner can
read; a server that refuses the token is not remembered, and the token is never printed."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner
from litestar import Litestar

from console.cli import _remote
from console.profiles import Profile, ProfileStore
from core.cli import main


@contextmanager
def served(app: Litestar) -> Iterator[str]:
    """The app on a free localhost port, in a thread of its own: a real server to talk to."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("TOUCHSTONE_TOKEN", raising=False)
    return tmp_path / "config" / "touchstone" / "console.toml"


def test_a_saved_profile_is_readable_only_by_its_owner_and_hides_its_token(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "touchstone" / "console.toml")
    store.save(Profile(name="head-office", url="https://ts.bank.example", token="ts_secret_1"))
    store.save(Profile(name="lab", url="http://127.0.0.1:8000", token="ts_secret_2"))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert store.names() == ["head-office", "lab"]
    assert store.load("head-office") == Profile(name="head-office", url="https://ts.bank.example", token="ts_secret_1")
    assert "ts_secret" not in repr(store.load("lab"))


async def test_a_server_that_refuses_the_token_is_not_remembered(app: Litestar, config_home: Path) -> None:
    with served(app) as url:
        result = CliRunner().invoke(main, ["console", "--url", url, "--profile", "lab"], input="ts_not_a_token\n")
    assert result.exit_code == 1
    assert "refused the token (401)" in result.output
    assert "ts_not_a_token" not in result.output
    assert not config_home.exists()


async def test_an_accepted_token_is_remembered_and_used_next_time(
    app: Litestar, config_home: Path, token_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = (await token_for("admin", "HO"))["Authorization"].removeprefix("Bearer ")
    monkeypatch.setenv("TOUCHSTONE_TOKEN", secret)
    with served(app) as url:
        connection, speaks = _remote(url + "/api/v1/", "lab", None)
    assert (connection.base_url, connection.token, speaks) == (url, secret, None)
    monkeypatch.delenv("TOUCHSTONE_TOKEN")
    again, speaks = _remote(None, "lab", None)
    assert (again.base_url, again.token, speaks) == (url, secret, None)
    assert secret not in repr(again) and stat.S_IMODE(config_home.stat().st_mode) == 0o600


def test_an_unknown_profile_without_a_url_is_a_usage_error(config_home: Path) -> None:
    result = CliRunner().invoke(main, ["console", "--profile", "nowhere"])
    assert result.exit_code == 2
    assert "no profile 'nowhere' yet: give --url (or use --embedded)" in result.output
