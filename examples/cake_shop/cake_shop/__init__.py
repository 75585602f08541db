"""Cake Shop: birthday cakes a cake-shop chain delivers to the bank's clients.

An example of what an outside company ships: its own distribution (``cake-shop``, rendered by
``touchstone plugin new cake_shop`` and then given its rules), whose entry point in the
``touchstone.plugins`` group names this module. A customer manager books a client's cake for
a day of the week up to the birthday; the client 360° view shows the next birthday and its
cake. It imports only ``core.sdk``, ``console.sdk`` and its own package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cake_shop import services
from cake_shop.routes import HANDLERS
from cake_shop.schemas import CakeSection
from core.sdk import (
    ClientSnapshot,
    ConsoleScreen,
    HookContext,
    MigrationsLocation,
    Permission,
    ViewSection,
    deferred,
    hookimpl,
)

NAME = services.NAME

# --- registration hooks: synchronous, no I/O, asked of every installed plugin ---------------


@hookimpl
def register_migrations() -> MigrationsLocation:
    return MigrationsLocation(owner=NAME, path=Path(__file__).parent / "migrations", table_prefix=f"{NAME}_")


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission(
            action=services.BOOK,
            roles=("customer_manager", "outlet_head", "admin"),
            description="Book a client's birthday cake",
        )
    ]


@hookimpl
def register_routes() -> list[Any]:
    return HANDLERS


@hookimpl
def register_console_screens() -> list[ConsoleScreen]:
    # deferred: only the console imports the screen (and Textual), never the API server
    return [
        ConsoleScreen(
            key=f"{NAME}.deliveries", title="生日蛋糕", factory=deferred("cake_shop.screens:DeliveriesScreen")
        )
    ]


# --- event hooks: only where the plugin is on, inside the triggering unit of work ------------


@hookimpl
async def client_view_sections(client: ClientSnapshot, ctx: HookContext) -> list[ViewSection]:
    birthday, booked = await services.section(ctx, client)
    return [
        ViewSection(key=NAME, title="生日蛋糕", plugin=NAME, data=CakeSection(next_birthday=birthday, booked=booked))
    ]


@hookimpl
async def client_purged(client: ClientSnapshot, ctx: HookContext) -> None:
    await services.forget(ctx, client)
