"""VIP perks by client tier: a perk catalogue, per-unit entitlements, quota-safe redemption
and client-care moments such as birthdays.

This module holds the plugin's metadata and its hook implementations, each a line or two
handing over to the module that owns the rule: :mod:`.catalogue`, :mod:`.entitlements`,
:mod:`.quota`, :mod:`.redemptions`, :mod:`.balance`, :mod:`.lifecycle`, :mod:`.care`,
:mod:`.reports`, :mod:`.demo`, and the console's :mod:`.screens` (loaded by the console only).
See ``docs/vip_benefits.md`` for what it does and how to run it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.sdk import (
    ClientAction,
    ClientSnapshot,
    ConsolePanel,
    ConsoleScreen,
    HookContext,
    Job,
    MigrationsLocation,
    Permission,
    SettingsSchema,
    TouchpointSpec,
    ViewSection,
    deferred,
    hookimpl,
)
from plugins.vip_benefits import access, balance, care, demo, lifecycle
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.routes import HANDLERS
from plugins.vip_benefits.schemas import VipSettings

__version__ = "0.1.0"
NAME = access.NAME


# --- registration hooks: synchronous, no I/O, asked of every installed plugin ---------------


@hookimpl
def register_migrations() -> MigrationsLocation:
    return MigrationsLocation(owner=NAME, path=Path(__file__).parent / "migrations", table_prefix=f"{NAME}_")


@hookimpl
def register_routes() -> list[Any]:
    return HANDLERS


@hookimpl
def register_permissions() -> list[Permission]:
    return access.PERMISSIONS


@hookimpl
def register_settings_schema() -> SettingsSchema:
    return SettingsSchema(plugin=NAME, struct=VipSettings)


@hookimpl
def register_touchpoints() -> list[TouchpointSpec]:
    return [
        TouchpointSpec(
            code=access.TOUCHPOINT,
            name="贵宾礼遇兑换",
            channel="branch",
            description="A premium client redeems or books a perk at a unit",
        )
    ]


@hookimpl
def register_jobs() -> list[Job]:
    return [
        Job(
            name=care.JOB,
            run=care.birthdays,
            description="Open a birthday care task and queue a greeting for entitled clients (one per year)",
        )
    ]


@hookimpl
def register_console_screens() -> list[ConsoleScreen]:
    screens = f"{__name__}.screens"
    return [
        ConsoleScreen(
            key=f"{NAME}.catalogue", title="礼遇目录 Perk catalogue", factory=deferred(f"{screens}:CatalogueScreen")
        ),
        ConsoleScreen(
            key=f"{NAME}.entitlements", title="礼遇权益 Entitlements", factory=deferred(f"{screens}:EntitlementsScreen")
        ),
        ConsoleScreen(
            key=f"{NAME}.balance", title="客户礼遇余额 Client balance", factory=deferred(f"{screens}:BalanceScreen")
        ),
    ]


@hookimpl
def register_console_panels() -> list[ConsolePanel]:
    return [
        ConsolePanel(
            key=f"{NAME}.utilisation",
            title="礼遇使用率 Perk utilisation",
            factory=deferred(f"{__name__}.screens:UtilisationPanel"),
        )
    ]


@hookimpl
def register_console_client_actions() -> list[ClientAction]:
    return [
        ClientAction(key=f"{NAME}.redeem", title=_("Redeem a perk"), factory=deferred(f"{__name__}.screens:RedeemForm"))
    ]


# --- event hooks: only where the programme is on, inside the triggering unit of work --------


@hookimpl
async def client_tier_changed(client: ClientSnapshot, old_tier: str | None, new_tier: str, ctx: HookContext) -> None:
    await lifecycle.tier_changed(ctx, client, old_tier, new_tier)


@hookimpl
async def client_archived(client: ClientSnapshot, ctx: HookContext) -> None:
    await lifecycle.archived(ctx, client)


@hookimpl
async def client_purged(client: ClientSnapshot, ctx: HookContext) -> None:
    await lifecycle.purged(ctx, client)


@hookimpl
async def client_view_sections(client: ClientSnapshot, ctx: HookContext) -> list[ViewSection]:
    return [await balance.view_section(ctx, client)]


@hookimpl
async def load_demo_data(ctx: HookContext) -> str:
    return await demo.load(ctx)
