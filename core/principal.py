"""Who is acting: principals, their roles and what each role may do.

A principal is a member of staff or a service account, bound to one organisation unit; it
sees that unit's subtree and nothing else. Permissions are named actions granted to roles;
routes ask for an action, never for a role, so a bank can reason about one table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import msgspec

from core.types import UnitRef

ROLES: tuple[str, ...] = (
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
)

_FRONT_LINE = ("teller", "lobby_manager", "customer_manager", "outlet_head")
_MANAGERS = ("outlet_head", "sub_branch_head", "branch_service", "head_office_service")
_CONTROL = ("operations", "risk", "compliance")
_EVERYONE = ROLES

PERMISSIONS: dict[str, tuple[str, ...]] = {
    "org.read": _EVERYONE,
    "org.write": ("admin",),
    "staff.read": _EVERYONE,
    "staff.write": ("admin", "sub_branch_head", "branch_service", "head_office_service"),
    "clients.read": _EVERYONE,
    "clients.write": ("customer_manager", "lobby_manager", "outlet_head", "sub_branch_head", "admin"),
    "clients.lifecycle": ("customer_manager", "outlet_head", "sub_branch_head", "admin"),
    "clients.assign_manager": ("outlet_head", "sub_branch_head", "branch_service", "admin"),
    "clients.personal_data": ("customer_manager", "outlet_head", "sub_branch_head", *_CONTROL, "admin"),
    "plugins.read": _EVERYONE,
    "plugins.manage": ("admin",),
    "tokens.manage": ("admin",),
    "audit.read": ("compliance", "risk", "admin"),
    "outbox.read": ("operations", "admin"),
    "outbox.manage": ("operations", "admin"),
    "standards.read": _EVERYONE,
    "standards.write": ("head_office_service", "admin"),
    "events.record": (*_FRONT_LINE, "operations", "admin"),
    "events.read": _EVERYONE,
    "nonconformities.manage": (*_MANAGERS, "compliance", "admin"),
    "nonconformities.verify": ("sub_branch_head", "branch_service", "head_office_service", "compliance", "admin"),
    "reports.read": (*_MANAGERS, *_CONTROL, "customer_manager", "admin"),
    "scores.read": (*_MANAGERS, *_CONTROL, "admin"),
    "scores.assess": ("outlet_head", "sub_branch_head", "branch_service", "admin"),
}
"""Action → roles allowed. Plugins check their own actions with :meth:`Principal.can`."""


class Principal(msgspec.Struct, frozen=True):
    """The authenticated caller of a request or the actor of a job."""

    kind: Literal["staff", "service", "system"]
    id: str
    name: str
    roles: frozenset[str]
    unit: UnitRef

    @property
    def label(self) -> str:
        """How audit entries and histories name this principal: ``staff:st_…``."""
        return f"{self.kind}:{self.id}"

    def has_any_role(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)

    def can(self, action: str) -> bool:
        return self.has_any_role(PERMISSIONS.get(action, ()))

    def sees(self, unit: UnitRef) -> bool:
        """True when ``unit`` lies in this principal's subtree."""
        return unit.path.startswith(self.unit.path)


def system_principal(unit: UnitRef) -> Principal:
    """The actor of background jobs and the CLI's own writes."""
    return Principal(kind="system", id="touchstone", name="Touchstone", roles=frozenset({"admin"}), unit=unit)
