"""The web console's tests run everything for real, each part a process of its own: the API
(``touchstone serve``, uvicorn) on a copy of the seeded demo database, the web console
(``touchstone console --web``) in front of it, and headless Chromium opening its page.

Every process is started in a session of its own, so stopping it stops what it started too
(the web console's per-browser console processes).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CLI = [sys.executable, "-c", "from core.cli import main; main(prog_name='touchstone')"]
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(data_dir: Path, database: Path) -> dict[str, str]:
    """The environment of every process of a test: its own data directory and database, in
    Chinese, and no token to inherit."""
    env = {k: v for k, v in os.environ.items() if k not in {"TOUCHSTONE_TOKEN", "TOUCHSTONE_LANG"}}
    return env | {
        "TOUCHSTONE_DATA_DIR": str(data_dir),
        "TOUCHSTONE_DATABASE_URL": f"sqlite:///{database}",
        "HOME": str(data_dir),
        "XDG_CONFIG_HOME": str(data_dir / "config"),
    }


def admin_token(env: dict[str, str]) -> str:
    """A new admin token at head office, made as an operator makes one (``| tail -n1``)."""
    result = subprocess.run(
        [*CLI, "token", "create", "--role", "admin", "--unit", "HO"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


@contextmanager
def running(args: list[str], env: dict[str, str], log: Path, ready_url: str) -> Iterator[subprocess.Popen[bytes]]:
    """``touchstone <args>`` running until the block ends, once ``ready_url`` answers 200."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*CLI, *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        _wait_until_answering(ready_url, process, log)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url} never answered; the process ended:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {START_SECONDS}s:\n{log.read_text(errors='replace')}")
