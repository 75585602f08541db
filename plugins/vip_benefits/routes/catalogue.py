"""Catalogue and entitlement routes: what the perks are, who gets how many, where; and the
default standard for the perk-redemption touchpoint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from litestar import get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody

from core.sdk import DEFAULT_LIMIT, Ctx, exportable, page, requires
from plugins.vip_benefits import catalogue, entitlements
from plugins.vip_benefits.access import MANAGE_CATALOGUE, MANAGE_ENTITLEMENTS, READ
from plugins.vip_benefits.models import Perk
from plugins.vip_benefits.routes.params import AtUnit
from plugins.vip_benefits.schemas import (
    PerkIn,
    PerkOut,
    PerkPage,
    PerkPatch,
    Provider,
    RulesChange,
    RulesPage,
)

STANDARD = Path(__file__).parent.parent / "standard.toml"


@exportable("perks")
@get("/perks", guards=[requires(READ)], summary="The perk catalogue")
async def list_perks(
    ctx: Ctx,
    unit: AtUnit = None,
    active_on: FromQuery[dt.date | None] = None,
    provider: FromQuery[Provider | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> PerkPage:
    rows, next_cursor = await page(
        ctx.session, catalogue.list_query(active_on=active_on, provider=provider), Perk.id, cursor, limit
    )
    return PerkPage(items=[catalogue.present(p, ctx.now) for p in rows], next_cursor=next_cursor)


@post("/perks", guards=[requires(MANAGE_CATALOGUE)], summary="Add a perk to the catalogue")
async def create_perk(ctx: Ctx, data: JSONBody[PerkIn], unit: AtUnit = None) -> PerkOut:
    return catalogue.present(await catalogue.create(ctx, data), ctx.now)


@get("/perks/{code:str}", guards=[requires(READ)], summary="One perk")
async def get_perk(ctx: Ctx, code: FromPath[str], unit: AtUnit = None) -> PerkOut:
    return catalogue.present(await catalogue.get(ctx, code), ctx.now)


@patch("/perks/{code:str}", guards=[requires(MANAGE_CATALOGUE)], summary="Change a perk (with a reason)")
async def update_perk(ctx: Ctx, code: FromPath[str], data: JSONBody[PerkPatch], unit: AtUnit = None) -> PerkOut:
    return catalogue.present(await catalogue.update(ctx, code, data.changes(), data.reason), ctx.now)


@exportable("entitlements")
@get(
    "/units/{unit_code:str}/entitlements",
    guards=[requires(READ)],
    summary="Per perk, the rule in force for each tier at a unit and the unit that set it",
)
async def list_entitlements(
    ctx: Ctx, unit_code: FromPath[str], cursor: FromQuery[str | None] = None, limit: FromQuery[int] = DEFAULT_LIMIT
) -> RulesPage:
    return await entitlements.editor_page(ctx, unit_code, cursor, limit)


@patch(
    "/units/{unit_code:str}/entitlements",
    guards=[requires(MANAGE_ENTITLEMENTS)],
    summary="Set and clear rules at a unit in one call (all or nothing, with a reason)",
)
async def change_entitlements(ctx: Ctx, unit_code: FromPath[str], data: JSONBody[RulesChange]) -> RulesPage:
    return await entitlements.change(ctx, unit_code, data)


@get(
    "/standard.toml",
    guards=[requires("standards.read")],
    media_type="application/toml",
    summary="The default standard for the perk-redemption touchpoint, to import with POST /api/v1/standards/import",
)
async def default_standard(unit: AtUnit = None) -> str:
    return STANDARD.read_text(encoding="utf-8")


HANDLERS = [list_perks, create_perk, get_perk, update_perk, list_entitlements, change_entitlements, default_standard]
