"""Request-scoped dependencies: the unit of work and the context built on it.

A request's unit of work commits after the handler returns and before the response is
sent, so a 2xx answer means the change (and its audit entry and outbox messages) is
durable; an error rolls everything back. GET requests run read-only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, TypeAlias

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from core.context import HookContext

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Ctx: TypeAlias = NamedDependency[HookContext]
"""A handler's request context, marked as the injected ``ctx`` dependency (``ctx: Ctx``):
Litestar 3 resolves dependencies only where they are marked, never by name alone."""


async def provide_session(request: Request[Any, Any, Any], state: State) -> AsyncIterator[AsyncSession]:
    async with state.db.unit_of_work(readonly=request.method in READ_METHODS) as session:
        yield session


async def provide_ctx(
    request: Request[Any, Any, Any], state: State, session: NamedDependency[AsyncSession]
) -> HookContext:
    return HookContext(
        session=session, clock=state.clock, plugins=state.plugins, principal=request.user, settings=state.settings
    )
