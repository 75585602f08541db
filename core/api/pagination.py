"""Cursor pagination: every list is ordered by a unique key and cut into pages.

The cursor is opaque to clients (base64 of the last key seen); nothing returns an
unbounded list.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Annotated, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from core.errors import FieldProblem
from core.i18n import _

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
RowId = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]
"""What a page's cursor holds: the last row id seen (a 64-bit integer, as the key columns are)."""


def encode_cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(value)).decode().rstrip("=")


def decode_cursor(cursor: str, shape: Any = RowId) -> Any:
    """The key a cursor holds, as ``shape`` says it must be (a forged one is a 422, never a key
    the database cannot compare)."""
    try:
        return msgspec.json.decode(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)), type=shape)
    except (ValueError, msgspec.DecodeError) as exc:
        raise FieldProblem.one("cursor", _("not a cursor this API handed out")) from exc


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise FieldProblem.one("limit", _("must be between {low} and {high}").format(low=1, high=MAX_LIMIT))
    return limit


async def page(
    session: AsyncSession,
    query: sa.Select[*tuple[Any, ...]],
    key: InstrumentedAttribute[Any],
    cursor: str | None,
    limit: int,
) -> tuple[Sequence[Any], str | None]:
    """Run ``query`` for one page ordered by ``key``; returns rows and the next cursor."""
    check_limit(limit)
    if cursor:
        query = query.where(key > decode_cursor(cursor))
    rows = (await session.execute(query.order_by(key).limit(limit + 1))).all()
    if len(rows) <= limit:
        return [r[0] if len(r) == 1 else r for r in rows], None
    rows = rows[:limit]
    last = rows[-1]
    last_entity = last[0]
    return [r[0] if len(r) == 1 else r for r in rows], encode_cursor(getattr(last_entity, key.key))
