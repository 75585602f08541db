"""``touchstone serve --demo`` issues and prints an admin token only on the start that loads the
demo (an empty database); a later start issues none and says how to create one. Run as a
user runs it: the real command in a process of its own, on a real port."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import sqlalchemy as sa

from core.db.engine import Database, create_engine
from core.models import ApiToken

TOUCHSTONE = Path(sys.executable).parent / "touchstone"
ANSWERING = "Touchstone is answering at"


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def serve_until_answering(database_url: str, data_dir: Path, run: str) -> tuple[str, str, int]:
    """Start ``touchstone serve --demo``, wait until it says it answers, stop it: (stdout,
    stderr, port)."""
    port = free_port()
    out, err = data_dir / f"{run}.out", data_dir / f"{run}.err"
    env = {**os.environ, "TOUCHSTONE_DATABASE_URL": database_url, "TOUCHSTONE_DATA_DIR": str(data_dir)}
    (data_dir / "touchstone.toml").write_text("demo_history_days = 7\n", encoding="utf-8")
    with out.open("w") as stdout, err.open("w") as stderr:
        server = subprocess.Popen(
            [str(TOUCHSTONE), "serve", "--demo", "--port", str(port)], env=env, stdout=stdout, stderr=stderr
        )
    try:
        deadline = time.monotonic() + 600  # the first start loads the demo
        while ANSWERING not in err.read_text() and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        assert ANSWERING in err.read_text(), err.read_text()[-2000:]
        time.sleep(0.5)  # the token, if any, follows the announcement
        secret = out.read_text().strip()
        if secret:
            me = httpx.get(f"http://127.0.0.1:{port}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
            assert me.status_code == 200 and me.json()["roles"] == ["admin"], me.text
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    return out.read_text(), err.read_text(), port


async def token_count(database_url: str) -> int:
    db = Database(create_engine(database_url))
    try:
        async with db.unit_of_work(readonly=True) as session:
            return (await session.execute(sa.select(sa.func.count()).select_from(ApiToken))).scalar_one()
    finally:
        await db.dispose()


def test_the_first_start_loads_the_demo_and_prints_a_token_later_starts_say_how_to_make_one(
    database_url: str, tmp_path: Path
) -> None:
    first_out, first_err, _ = serve_until_answering(database_url, tmp_path, "first")
    assert first_out.strip().startswith("ts_") and "Admin token" in first_err
    assert asyncio.run(token_count(database_url)) == 1

    later_out, later_err, port = serve_until_answering(database_url, tmp_path, "later")
    assert later_out.strip() == ""  # no secret printed
    assert "no token issued" in later_err and "touchstone token create --role admin --unit HO" in " ".join(
        later_err.split()
    )
    assert f"{ANSWERING} http://127.0.0.1:{port}/api/v1" in " ".join(later_err.split())
    assert asyncio.run(token_count(database_url)) == 1
