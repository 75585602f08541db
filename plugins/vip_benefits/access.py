"""Who may do what with the perks programme, and where it is on.

The route guard checks that the plugin is on at the unit a request names, a client's unit for
routes under ``/clients/{client_id}`` (or the caller's); records addressed by id or named in a
body (a redemption, a care task, the client redeeming) belong to a unit of their own, which
services check with :func:`require_enabled` before touching them (their routes declare
``opt=AT_RECORD``).
"""

from __future__ import annotations

from core.sdk import HookContext, Permission, PluginDisabled, UnitRef
from plugins.vip_benefits.schemas import VipSettings

NAME = "vip_benefits"
TOUCHPOINT = f"{NAME}.redemption"
READ = f"{NAME}.read"
MANAGE_CATALOGUE = f"{NAME}.manage_catalogue"
MANAGE_ENTITLEMENTS = f"{NAME}.manage_entitlements"
REDEEM = f"{NAME}.redeem"
CARE = f"{NAME}.care"
REPORTS = "reports.read"  # the core's: whoever reads the bank's reports reads these

PERMISSIONS = [
    Permission(
        action=READ,
        description="See the perk catalogue, entitlements, client balances and redemptions",
        roles=(
            "teller",
            "lobby_manager",
            "customer_manager",
            "outlet_head",
            "sub_branch_head",
            "branch_service",
            "head_office_service",
            "operations",
            "risk",
            "compliance",
            "admin",
        ),
    ),
    Permission(
        action=MANAGE_CATALOGUE,
        roles=("head_office_service", "admin"),
        description="Add perks to the catalogue and change them",
    ),
    Permission(
        action=MANAGE_ENTITLEMENTS,
        roles=("head_office_service", "branch_service", "admin"),
        description="Set the quota per tier and perk at units of one's subtree",
    ),
    Permission(
        action=REDEEM,
        roles=("teller", "lobby_manager", "customer_manager", "outlet_head", "admin"),
        description="Redeem or book a perk for a client, and cancel it",
    ),
    Permission(
        action=CARE,
        roles=("lobby_manager", "customer_manager", "outlet_head", "admin"),
        description="Close client-care tasks such as a birthday greeting",
    ),
]


async def require_enabled(ctx: HookContext, unit: UnitRef) -> None:
    """404 ``plugin-disabled`` unless the programme is on at ``unit``."""
    if not await ctx.is_enabled(NAME, unit):
        raise PluginDisabled(NAME, unit.code)


async def settings_at(ctx: HookContext, unit: UnitRef) -> VipSettings:
    """The settings in force at ``unit`` (the nearest unit that sets a key wins)."""
    return await ctx.settings_for(NAME, unit)
