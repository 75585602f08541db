"""Complaint handling: intake from every channel, work orders with SLA deadlines counted on
the bank's holiday calendar, escalation up the organisation tree, and complaint reports.

The first bundled plugin, built as an outside company would build one: its own tables and
migrations, its own routes and job, and hook implementations into the core, each a line or
two handing over to the module that holds the rules (see ``docs/complaints.md``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.sdk import (
    ClientSnapshot,
    ConsolePanel,
    ConsoleScreen,
    HookContext,
    Job,
    MigrationsLocation,
    Period,
    Permission,
    ScoreComponent,
    SettingsSchema,
    StaffSnapshot,
    TouchpointSpec,
    UnitRef,
    ViewSection,
    deferred,
    hookimpl,
)
from plugins.complaints import client_data, demo, scoring, sweep
from plugins.complaints.i18n import _, lazy_gettext
from plugins.complaints.intake import TOUCHPOINT
from plugins.complaints.permissions import NAME, PERMISSIONS
from plugins.complaints.routes import HANDLERS
from plugins.complaints.schemas import ComplaintSettings

__version__ = "0.1.0"
DEFAULT_STANDARD = Path(__file__).parent / "standards" / "intake.toml"
"""The intake standard the plugin proposes; a bank imports it as a draft (never auto-published)."""


# --- registration hooks: synchronous, no I/O, asked of every installed plugin ---------------


@hookimpl
def register_migrations() -> MigrationsLocation:
    return MigrationsLocation(owner=NAME, path=Path(__file__).parent / "migrations", table_prefix=f"{NAME}_")


@hookimpl
def register_routes() -> list[Any]:
    return HANDLERS


@hookimpl
def register_permissions() -> list[Permission]:
    return PERMISSIONS


@hookimpl
def register_settings_schema() -> SettingsSchema:
    return SettingsSchema(plugin=NAME, struct=ComplaintSettings)


@hookimpl
def register_touchpoints() -> list[TouchpointSpec]:
    return [
        TouchpointSpec(
            code=TOUCHPOINT,
            name="投诉受理",
            channel="branch",
            description="Taking a client's complaint in, at the counter, by phone, e-banking or letter",
        )
    ]


@hookimpl
def register_jobs() -> list[Job]:
    return [
        Job(
            name=f"{NAME}-sla",
            run=sweep.sweep,
            description=lazy_gettext("Escalate complaints past a deadline one level up the tree and notify the unit"),
        )
    ]


@hookimpl
def register_console_screens() -> list[ConsoleScreen]:
    return [
        ConsoleScreen(
            key=f"{NAME}.queue", title=_("Complaint work orders"), factory=deferred(f"{__name__}.screens:QueueScreen")
        )
    ]


@hookimpl
def register_console_panels() -> list[ConsolePanel]:
    return [
        ConsolePanel(
            key=f"{NAME}.breach", title=_("Complaint deadlines"), factory=deferred(f"{__name__}.screens:BreachPanel")
        )
    ]


# --- event hooks: only where the plugin is on, inside the triggering unit of work ------------


@hookimpl
async def staff_score_components(staff: StaffSnapshot, period: Period, ctx: HookContext) -> list[ScoreComponent]:
    return await scoring.staff_components(ctx, staff, period)


@hookimpl
async def unit_score_components(unit: UnitRef, period: Period, ctx: HookContext) -> list[ScoreComponent]:
    return await scoring.unit_components(ctx, unit, period)


@hookimpl
async def client_view_sections(client: ClientSnapshot, ctx: HookContext) -> list[ViewSection]:
    return [await client_data.view_section(ctx, client)]


@hookimpl
async def client_purged(client: ClientSnapshot, ctx: HookContext) -> None:
    await client_data.forget(ctx, client)


# --- the demo: asked of every installed plugin, which switches itself on where it needs to ----


@hookimpl
async def load_demo_data(ctx: HookContext) -> str:
    return await demo.load(ctx)
