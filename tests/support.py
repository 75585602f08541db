"""What only Touchstone's own tests need beside the testing kit (:mod:`core.testing`): a
plugin recording every client hook it receives, and apps and clients with it installed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from core import hookimpl
from core.models import OrgUnit
from core.testing import AppFactory, installed_plugins
from core.types import ViewSection


class Recorder:
    """A plugin that records every event hook it receives (register it under a name, then
    switch it on at a unit with :func:`core.testing.enable`)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    @hookimpl
    def client_created(self, client, reason, ctx) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_created", {"client": client, "reason": reason, "unit": ctx.unit.code}))

    @hookimpl
    def client_updated(self, client, changes, reason) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_updated", {"client": client, "changes": changes, "reason": reason}))

    @hookimpl
    def client_tier_changed(self, client, old_tier, new_tier) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_tier_changed", {"client": client, "old": old_tier, "new": new_tier}))

    @hookimpl
    async def client_manager_changed(self, client, old_manager, new_manager, reason) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_manager_changed", {"old": old_manager, "new": new_manager, "reason": reason}))

    @hookimpl
    def client_archived(self, client, reason) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_archived", {"client": client, "reason": reason}))

    @hookimpl
    def client_purged(self, client) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(("client_purged", {"client": client}))

    @hookimpl
    def client_view_sections(self, client) -> list[ViewSection]:  # type: ignore[no-untyped-def]
        return [ViewSection(key="recorder", title="记录", data={"seen": client.id}, plugin="recorder")]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def recording_app(make_app: AppFactory, network: dict[str, OrgUnit], recorder: Recorder) -> Litestar:
    """The app with every installed plugin and ``recorder`` (named ``recorder``)."""
    return make_app(plugins=[*installed_plugins(), ("recorder", recorder)])


@pytest.fixture
async def recording_client(recording_app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=recording_app) as test_client:
        yield test_client
