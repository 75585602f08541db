"""The ``Idempotency-Key`` header for routes that spend something.

A route takes the header as a parameter and hands its work to :func:`idempotent`::

    @post("/redemptions", guards=[requires("vip_benefits.redeem")])
    async def redeem(ctx: Ctx, data: JSONBody[RedemptionIn],
                     idempotency_key: RequiredIdempotencyKey) -> Response[RedemptionOut]:
        return await idempotent(ctx, scope="vip_benefits.redeem", key=idempotency_key, body=data,
                                answer_type=RedemptionOut, produce=lambda: services.redeem(ctx, data))

A replayed answer carries ``Idempotent-Replayed: true``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Response
from litestar.params import HeaderParameter

from core.context import HookContext
from core.services import idempotency

T = TypeVar("T")
REPLAYED_HEADER = "Idempotent-Replayed"
_DESCRIPTION = (
    "A key the client makes up per logical request (a UUID). Re-sending the same key and body "
    "replays the first answer (marked Idempotent-Replayed: true); the same key with another body is refused."
)

IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(name=idempotency.HEADER, required=False, min_length=1, max_length=200, description=_DESCRIPTION),
]
RequiredIdempotencyKey = Annotated[
    str, HeaderParameter(name=idempotency.HEADER, required=True, min_length=1, max_length=200, description=_DESCRIPTION)
]


async def idempotent(
    ctx: HookContext,
    *,
    scope: str,
    key: str | None,
    body: Any,
    answer_type: type[T],
    produce: Callable[[], Awaitable[T]],
    status_code: int = 201,
) -> Response[T]:
    """Answer from the store when ``key`` was seen with ``body``; else run ``produce`` and
    keep its answer (in the request's unit of work). Without a key, just run ``produce``."""
    if key is None:
        return Response(await produce(), status_code=status_code)
    earlier = await idempotency.earlier_answer(ctx, scope=scope, key=key, body=body)
    if earlier is not None:
        return Response(
            msgspec.convert(earlier.body, answer_type),
            status_code=earlier.status_code,
            headers={REPLAYED_HEADER: "true"},
        )
    answer = await produce()
    await idempotency.remember(ctx, scope=scope, key=key, body=body, status_code=status_code, answer=answer)
    return Response(answer, status_code=status_code)
