"""Serving an app over real HTTP, for requests truly in flight at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from litestar import Litestar


@asynccontextmanager
async def live_server(app: Litestar) -> AsyncIterator[str]:
    """Serve ``app`` over real HTTP on a free localhost port, on the test's event loop; yields
    the base URL. For tests that need requests truly in flight at once (the in-process test
    client hands the app one request at a time). Build a fresh app for it (``make_app()``): a
    pooled connection must stay on the loop that opened it."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            serving.result()  # start-up failed: raise its error
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving
