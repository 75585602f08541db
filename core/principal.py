"""Who is acting: principals, their roles and what each role may do.

A principal is a member of staff or a service account, bound to one organisation unit; it
sees that unit's subtree and nothing else. Permissions are named actions granted to roles;
routes ask for an action, never for a role, so a bank can reason about one table.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

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
"""The core's actions → roles allowed. Plugins add theirs through the ``register_permissions``
hook; :attr:`core.plugins.PluginRuntime.permissions` is the merged table."""
CORE_PERMISSIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(PERMISSIONS)
PRINCIPAL_CACHE_SECONDS = 5.0


class Principal(msgspec.Struct, frozen=True):
    """The authenticated caller of a request or the actor of a job."""

    kind: Literal["staff", "service", "system"]
    id: str
    name: str
    roles: frozenset[str]
    unit: UnitRef
    permissions: Mapping[str, tuple[str, ...]] = CORE_PERMISSIONS
    """The permission table of the app that authenticated this principal (the core's
    actions plus every installed plugin's)."""

    @property
    def label(self) -> str:
        """How audit entries and histories name this principal: ``staff:st_…``."""
        return f"{self.kind}:{self.id}"

    def has_any_role(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)

    def can(self, action: str) -> bool:
        """Whether one of this principal's roles is allowed ``action``; the system (jobs,
        the CLI's own writes) acts for the bank and may do everything."""
        return self.kind == "system" or self.has_any_role(self.permissions.get(action, ()))

    def sees(self, unit: UnitRef) -> bool:
        """True when ``unit`` lies in this principal's subtree."""
        return unit.path.startswith(self.unit.path)


class PrincipalCache:
    """Principals of recently seen tokens, for :data:`PRINCIPAL_CACHE_SECONDS`, keyed by token hash.

    It spares the hot path (recording events) a transaction per request. A revocation or a
    change to a member of staff clears it at once in the worker that made the change; other
    workers notice within :data:`PRINCIPAL_CACHE_SECONDS`.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Principal, float, dt.datetime]] = {}

    def get(self, key: str, now: dt.datetime) -> Principal | None:
        entry = self._entries.get(key)
        if entry is None or entry[1] < time.monotonic() or entry[2] <= now:
            return None
        return entry[0]

    def put(self, key: str, principal: Principal, expires_at: dt.datetime) -> None:
        if len(self._entries) > 10_000:
            self._entries.clear()
        self._entries[key] = (principal, time.monotonic() + PRINCIPAL_CACHE_SECONDS, expires_at)

    def clear(self) -> None:
        self._entries.clear()


def system_principal(unit: UnitRef) -> Principal:
    """The actor of background jobs and the CLI's own writes."""
    return Principal(kind="system", id="touchstone", name="Touchstone", roles=frozenset({"admin"}), unit=unit)


def staff_principal(staff: Any, unit: UnitRef, permissions: Mapping[str, tuple[str, ...]]) -> Principal:
    """A member of staff (a :class:`core.models.Staff` row) as the principal they act as."""
    return Principal(kind="staff", id=staff.public_id, name=staff.name, roles=frozenset(staff.roles), unit=unit,
                     permissions=permissions)
