"""The actions the plugin's routes guard, and the roles the bank grants them by default.

The domain's rule is that the head of the outlet or sub-branch investigates personally, so
handling and resolving belong to the managers; front-line staff take complaints in and
record a client's dispute; the calendar is head office's; reports reuse the core's
``reports.read`` and personal data the core's ``clients.personal_data``.
"""

from __future__ import annotations

from core.sdk import ROLES, Permission

NAME = "complaints"
READ = f"{NAME}.read"
INTAKE = f"{NAME}.intake"
HANDLE = f"{NAME}.handle"
RESOLVE = f"{NAME}.resolve"
EXTEND = f"{NAME}.extend"
APPROVE_EXTENSION = f"{NAME}.approve_extension"
REOPEN = f"{NAME}.reopen"
POLICIES = f"{NAME}.policies"
CALENDAR = f"{NAME}.calendar"
REPORTS = "reports.read"

_FRONT_LINE = ("teller", "lobby_manager", "customer_manager", "outlet_head")
_HANDLERS = ("outlet_head", "sub_branch_head", "branch_service", "head_office_service", "admin")
_ABOVE_OUTLET = ("sub_branch_head", "branch_service", "head_office_service", "admin")

PERMISSIONS = [
    Permission(READ, ROLES, "See the complaint work orders of your subtree"),
    Permission(INTAKE, (*_FRONT_LINE, *_ABOVE_OUTLET, "operations"), "Take a complaint in from any channel"),
    Permission(HANDLE, _HANDLERS, "Acknowledge, investigate, wait for the client, reply to and close a complaint"),
    Permission(RESOLVE, _HANDLERS, "Propose a complaint's resolution: justified or not, apology, compensation"),
    Permission(EXTEND, _HANDLERS, "Extend a complaint's decision deadline (a further extension needs approval)"),
    Permission(APPROVE_EXTENSION, _ABOVE_OUTLET, "Approve or reject a further extension for a unit below yours"),
    Permission(REOPEN, (*_FRONT_LINE, *_ABOVE_OUTLET), "Reopen a complaint the client disputes within the window"),
    Permission(POLICIES, ("branch_service", "head_office_service", "admin"), "Set SLA policies for a subtree"),
    Permission(CALENDAR, ("head_office_service", "admin"), "Maintain the holiday calendar deadlines are counted on"),
]
