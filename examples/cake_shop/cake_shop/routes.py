"""The cake shop's routes, mounted by the core at ``/api/v1/plugins/cake_shop``.

The core puts them behind its enablement guard (404 ``plugin-disabled`` where the plugin is
off); each requires a permission. Booking names a client in its body, so it declares
``opt=AT_RECORD`` and the service checks the plugin at the client's own unit.
"""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromQuery, JSONBody

from cake_shop import services
from cake_shop.models import Delivery
from cake_shop.schemas import DeliveryIn, DeliveryOut, DeliveryPage
from core.sdk import AT_RECORD, DEFAULT_LIMIT, Ctx, page, requires


@post("/deliveries", guards=[requires(services.BOOK)], opt=AT_RECORD, summary="Book a client's birthday cake")
async def book(ctx: Ctx, data: JSONBody[DeliveryIn]) -> DeliveryOut:
    return await services.book(ctx, data)


@get("/deliveries", guards=[requires("clients.read")], summary="The birthday cakes booked in a unit's subtree")
async def deliveries(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> DeliveryPage:
    scope = await ctx.unit_in_scope(unit) if unit else ctx.principal.unit
    rows, next_cursor = await page(ctx.session, services.deliveries_query(scope), Delivery.id, cursor, limit)
    return DeliveryPage(items=[services.present(d, client, code) for d, client, code in rows], next_cursor=next_cursor)


HANDLERS = [book, deliveries]
