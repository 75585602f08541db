"""The cake shop's rules, as functions taking a ``HookContext``; routes and hooks stay thin.

A client gets one cake a birthday, delivered on a day of the week that ends on the birthday
itself (the bank's "birthday care" touchpoint), booked where the plugin is on at the client's
own unit. Dates are China dates: a birthday starts at midnight in Beijing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from cake_shop.models import Delivery
from cake_shop.schemas import DeliveryIn, DeliveryOut
from core.sdk import (
    Client,
    ClientSnapshot,
    Conflict,
    FieldProblem,
    HookContext,
    OrgUnit,
    PluginDisabled,
    UnitRef,
    china_date,
    in_subtree,
    new_public_id,
)

NAME = "cake_shop"
BOOK = f"{NAME}.book"
WEEK = dt.timedelta(days=6)  # the birthday and the six days before it


def birthday_in(year: int, born: dt.date) -> dt.date:
    """The birthday in ``year`` (28 February for 29 February outside leap years)."""
    try:
        return born.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def next_birthday(born: dt.date | None, today: dt.date) -> dt.date | None:
    """The client's birthday today or next, ``None`` for a client without one."""
    if born is None:
        return None
    this_year = birthday_in(today.year, born)
    return this_year if this_year >= today else birthday_in(today.year + 1, born)


def present(delivery: Delivery, client: str, unit: str) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.public_id,
        client=client,
        unit=unit,
        cake=delivery.cake,  # type: ignore[arg-type]
        greeting=delivery.greeting,
        deliver_on=delivery.deliver_on,
        booked_at=delivery.booked_at,
        booked_by=delivery.booked_by,
    )


async def book(ctx: HookContext, data: DeliveryIn) -> DeliveryOut:
    """Book a client's birthday cake: the plugin on at the client's unit, a birthday on file,
    a delivery day in the week up to it, not in the past, and no cake booked for it yet."""
    client = await ctx.client(data.client, for_update=True)  # 404 outside the caller's subtree
    unit = await ctx.unit_by_id(client.unit_id)
    if not await ctx.is_enabled(NAME, unit):
        raise PluginDisabled(NAME, unit.code)
    birthday = next_birthday(client.birthday, china_date(ctx.now))
    if birthday is None:
        raise FieldProblem.one("client", f"client '{client.public_id}' has no birthday on file")
    if not birthday - WEEK <= data.deliver_on <= birthday:
        raise FieldProblem.one("deliver_on", f"must be between {birthday - WEEK} and the birthday, {birthday}")
    if await booked(ctx, client.id, birthday.year) is not None:
        raise Conflict(
            f"a cake is already booked for client '{client.public_id}''s {birthday.year} birthday",
            client=client.public_id,
        )
    delivery = Delivery(
        public_id=new_public_id("cake"),
        client_id=client.id,
        unit_id=unit.id,
        birthday_year=birthday.year,
        cake=data.cake,
        greeting=data.greeting,
        deliver_on=data.deliver_on,
        booked_at=ctx.now,
        booked_by=ctx.principal.label,
    )
    ctx.session.add(delivery)
    await ctx.session.flush()
    ctx.audit(
        entity="cake_shop_delivery",
        entity_id=delivery.public_id,
        action="booked",
        unit=unit,
        after={"client": client.public_id, "cake": data.cake, "deliver_on": data.deliver_on.isoformat()},
    )
    return present(delivery, client.public_id, unit.code)


async def booked(ctx: HookContext, client_id: int, year: int) -> Delivery | None:
    return (
        await ctx.session.execute(
            sa.select(Delivery).where(Delivery.client_id == client_id, Delivery.birthday_year == year)
        )
    ).scalar_one_or_none()


def deliveries_query(scope: UnitRef) -> sa.Select[Any]:
    """Deliveries for clients in ``scope``'s subtree, with the client's id and unit code."""
    return (
        sa.select(Delivery, Client.public_id, OrgUnit.code)
        .join(Client, Client.id == Delivery.client_id)
        .join(OrgUnit, OrgUnit.id == Delivery.unit_id)
        .where(in_subtree(scope))
    )


async def section(ctx: HookContext, snapshot: ClientSnapshot) -> tuple[dt.date | None, DeliveryOut | None]:
    """The client's next birthday and the cake booked for it, for the 360° view."""
    birthday = next_birthday(snapshot.birthday, china_date(ctx.now))
    if birthday is None:
        return None, None
    client_id = (await ctx.session.execute(sa.select(Client.id).where(Client.public_id == snapshot.id))).scalar_one()
    delivery = await booked(ctx, client_id, birthday.year)
    return birthday, None if delivery is None else present(delivery, snapshot.id, snapshot.unit.code)


async def forget(ctx: HookContext, snapshot: ClientSnapshot) -> None:
    """A purged client's deliveries (a greeting, a delivery day) go with their personal data."""
    client_id = sa.select(Client.id).where(Client.public_id == snapshot.id).scalar_subquery()
    await ctx.session.execute(sa.delete(Delivery).where(Delivery.client_id == client_id))
