"""Idempotency keys: a POST that spends something (a perk, a voucher, a batch of events)
may be re-sent after a lost answer without spending twice.

The first answer to ``(principal, scope, key)`` is stored with a digest of the request body
in the same unit of work as the change, so either both are durable or neither is. The same
key with the same body is answered again from the store; the same key with another body is
refused (422), since it is a client bug that must not be papered over. Two requests racing
with one key meet the record's primary key: the loser is rolled back whole and answered 409,
and its retry replays the winner's answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec
import sqlalchemy as sa

from core.errors import FieldProblem
from core.i18n import _
from core.models import IdempotencyRecord

if TYPE_CHECKING:
    from core.context import HookContext

HEADER = "Idempotency-Key"


class StoredAnswer(NamedTuple):
    status_code: int
    body: Any


def _record_key(ctx: HookContext, scope: str, key: str) -> str:
    return f"{ctx.principal.label}:{scope}:{key}"


def fingerprint(body: Any) -> str:
    """A digest of a request body (msgspec Struct or JSON-compatible value)."""
    return hashlib.sha256(msgspec.json.encode(body)).hexdigest()


async def earlier_answer(ctx: HookContext, *, scope: str, key: str, body: Any) -> StoredAnswer | None:
    """The answer first given under ``key`` in ``scope`` by this principal, or None.

    Raises :class:`FieldProblem` (422) when the key was used with a different body."""
    record = await ctx.session.get(IdempotencyRecord, _record_key(ctx, scope, key))
    if record is None:
        return None
    if record.request_hash != fingerprint(body):
        raise FieldProblem.one(
            HEADER, _("already used for a different request ({scope}); send a new key").format(scope=scope)
        )
    return StoredAnswer(record.status_code, record.response)


async def remember(ctx: HookContext, *, scope: str, key: str, body: Any, status_code: int, answer: Any) -> None:
    """Store the answer to replay; flushed now so a racing twin fails here, inside the
    handler, and the whole unit of work rolls back."""
    ctx.session.add(
        IdempotencyRecord(
            key=_record_key(ctx, scope, key),
            scope=scope,
            principal=ctx.principal.label,
            request_hash=fingerprint(body),
            status_code=status_code,
            response=msgspec.to_builtins(answer),
            created_at=ctx.now,
        )
    )
    await ctx.session.flush()


async def expire(ctx: HookContext, older_than: dt.datetime, batch: int) -> int:
    """Delete up to ``batch`` records created before ``older_than``; returns how many."""
    doomed = sa.select(IdempotencyRecord.key).where(IdempotencyRecord.created_at < older_than).limit(batch)
    keys = list((await ctx.session.execute(doomed)).scalars())
    if keys:
        await ctx.session.execute(sa.delete(IdempotencyRecord).where(IdempotencyRecord.key.in_(keys)))
    return len(keys)
