"""How the console reaches the API: a server's URL, or the app running in this process.

Either way the console is a client of the HTTP API: with ``--embedded`` the Litestar app
runs in the console's own event loop and httpx talks to it through an ASGI transport, so
every change still goes through the API's validation, permissions, hooks and audit.

The console asks the API to answer in its own language (``Accept-Language``), so the problem
documents it shows (titles, details, field messages) read as the rest of the screen does.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from console.api import TouchstoneApi
from core.i18n import current_language

if TYPE_CHECKING:
    from litestar import Litestar

API_PATH = "/api/v1"
TIMEOUT_SECONDS = 30.0


async def speak_the_consoles_language(request: httpx.Request) -> None:
    """Ask the API for the console's language on every request, so what the server writes
    for people (a plugin's 360° section, a problem's detail) reads like the console."""
    request.headers["Accept-Language"] = current_language().replace("_", "-")


@dataclass(frozen=True)
class Connection:
    """A server URL and token, or (``app`` set) an API app served in-process."""

    label: str
    base_url: str
    token: str = field(repr=False)
    app: Litestar | None = None

    @classmethod
    def in_process(cls, app: Litestar, token: str, label: str = "embedded") -> Connection:
        return cls(label=label, base_url="http://embedded", token=token, app=app)

    @asynccontextmanager
    async def open(self) -> AsyncIterator[TouchstoneApi]:
        """The API client, for as long as the console runs (an in-process app is started
        with its lifespan: migrations checked, plugin touchpoints synced)."""
        async with AsyncExitStack() as stack:
            transport = None
            if self.app is not None:
                await stack.enter_async_context(self.app.lifespan())
                transport = httpx.ASGITransport(app=self.app)
            http = await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=self.base_url.rstrip("/") + API_PATH,
                    transport=transport,
                    timeout=TIMEOUT_SECONDS,
                    headers={"Authorization": f"Bearer {self.token}", "User-Agent": "touchstone-console"},
                    event_hooks={"request": [speak_the_consoles_language]},
                )
            )
            yield TouchstoneApi(http)


class Held:
    """A connection opened in a task of its own and held until :meth:`close`.

    The console opens its connection when it mounts and closes it when it unmounts, which
    Textual runs in different tasks; an in-process app's lifespan (its task group) must end
    in the task that began it, so that task is this one's.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def open(self) -> TouchstoneApi:
        ready: asyncio.Future[TouchstoneApi] = asyncio.get_running_loop().create_future()

        async def hold() -> None:
            try:
                async with self.connection.open() as api:
                    ready.set_result(api)
                    await self._stop.wait()
            except Exception as exc:
                if ready.done():
                    raise
                ready.set_exception(exc)

        self._task = asyncio.create_task(hold())
        return await ready

    async def close(self) -> None:
        if self._task is not None:
            self._stop.set()
            await self._task
