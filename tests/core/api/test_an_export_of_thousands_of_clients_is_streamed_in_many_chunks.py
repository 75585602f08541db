"""An export of a whole subtree is read and sent page by page: a few thousand clients leave the
app as several body chunks (each page one), never as one body built in memory."""

from __future__ import annotations

import asyncio
from typing import Any

import sqlalchemy as sa
from litestar import Litestar

from core.db.base import new_public_id
from core.db.engine import Database
from core.models import Client, OrgUnit
from core.testing import AppFactory

ROWS = 2500


async def _add_clients(db: Database, unit: OrgUnit) -> None:
    row = {"kind": "retail", "unit_id": unit.id, "state": "active", "tier": "mass", "phone": "13912345678"}
    async with db.unit_of_work() as session:
        rows = [{**row, "public_id": new_public_id("cl"), "name": f"客户{i}"} for i in range(ROWS)]
        await session.execute(sa.insert(Client), rows)


async def _body_chunks(app: Litestar, path: str, headers: dict[str, str]) -> list[bytes]:
    """The body messages the app sends for one GET, as the ASGI server receives them."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"format=csv",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "state": {},
    }
    chunks: list[bytes] = []
    requested = []
    finished = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if not requested:
            requested.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await finished.wait()  # the client stays until the whole body is sent, as a server's does
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            if message.get("body"):
                chunks.append(message["body"])
            if not message.get("more_body"):
                finished.set()

    await app(scope, receive, send)
    return chunks


async def test_thousands_of_clients_leave_in_many_chunks(
    make_app: AppFactory, network: dict[str, OrgUnit], db: Database, token_for
) -> None:
    await _add_clients(db, network["OUT1"])
    app = make_app()  # served on this test's event loop, as a server would
    async with app.lifespan():
        chunks = await _body_chunks(app, "/api/v1/clients", await token_for("teller", "OUT1"))

    text = b"".join(chunks).decode("utf-8-sig")
    assert len(text.splitlines()) == ROWS + 1
    assert len(chunks) >= ROWS // 500 + 1
    assert max(len(c) for c in chunks) < len(b"".join(chunks)) / 3
