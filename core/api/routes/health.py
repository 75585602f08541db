"""Liveness with a real database check, and who-am-I."""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Request, get
from litestar.datastructures import State
from litestar.exceptions import HTTPException

import core
from core.api.schemas import UnitOut
from core.i18n import _
from core.principal import Principal


class Health(msgspec.Struct):
    status: str
    database: str
    version: str


@get("/health", summary="Health: answers 200 only when the database answers", security=[])
async def health(state: State) -> Health:
    try:
        async with state.db.unit_of_work(readonly=True) as session:
            await session.execute(sa.text("SELECT 1"))
    except Exception as exc:  # any database failure means "not healthy"
        raise HTTPException(
            status_code=503, detail=_("database unreachable: {error}").format(error=type(exc).__name__)
        ) from exc
    return Health(status="ok", database=state.db.dialect, version=core.__version__)


class Me(msgspec.Struct):
    kind: str
    id: str
    name: str
    roles: list[str]
    unit: UnitOut


@get("/me", summary="The principal this token belongs to")
async def me(request: Request[Any, Any, Any]) -> Me:
    principal: Principal = request.user
    return Me(
        kind=principal.kind,
        id=principal.id,
        name=principal.name,
        roles=sorted(principal.roles),
        unit=UnitOut.of(principal.unit),
    )


HANDLERS = [health, me]
