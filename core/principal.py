"""Who is acting: principals, their roles and what each role may do.

A principal is a member of staff or a service account, bound to one organisation unit; it
sees that unit's subtree and nothing else. Permissions are named actions granted to roles;
routes ask for an action, never for a role, so a bank can reason about one table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
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
GENERATION = "principals"
"""The generation counter bumped with a token's revocation and with a change to a member of
staff's roles, unit or deactivation (:class:`PrincipalCache`)."""


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
    """Principals of recently seen tokens, keyed by token hash, labelled with the generations
    (:mod:`core.generations`) they were read at.

    It spares each request a token lookup. Every change to what a token may do bumps a
    generation in the transaction that makes it: :data:`GENERATION` for a revocation or a
    member of staff's roles, unit or deactivation, the organisation's for the tree (a
    principal carries its unit's path). Each request reads the counters first (one small
    query, shared by concurrent requests: :class:`core.generations.SharedRead`) and a
    cache labelled otherwise starts empty, so a change made through any worker is refused by
    every worker from the next request on.
    """

    def __init__(self) -> None:
        self._label: Hashable = None
        self._entries: dict[str, tuple[Principal, dt.datetime]] = {}

    def get(self, key: str, now: dt.datetime, label: Hashable) -> Principal | None:
        """The principal cached for ``key`` at generations ``label``, if its token is unexpired."""
        if label != self._label:
            self._entries.clear()
            self._label = label
            return None
        entry = self._entries.get(key)
        if entry is None or entry[1] <= now:
            return None
        return entry[0]

    def put(self, key: str, principal: Principal, expires_at: dt.datetime, label: Hashable) -> None:
        """Keep ``principal``, read after the generations ``label`` were (so it is at least as new)."""
        if label != self._label:  # the counters moved on while it was read: it belongs to no one
            return
        if len(self._entries) > 10_000:
            self._entries.clear()
        self._entries[key] = (principal, expires_at)


def system_principal(unit: UnitRef) -> Principal:
    """The actor of background jobs and the CLI's own writes."""
    return Principal(kind="system", id="touchstone", name="Touchstone", roles=frozenset({"admin"}), unit=unit)


def staff_principal(staff: Any, unit: UnitRef, permissions: Mapping[str, tuple[str, ...]]) -> Principal:
    """A member of staff (a :class:`core.models.Staff` row) as the principal they act as."""
    return Principal(
        kind="staff",
        id=staff.public_id,
        name=staff.name,
        roles=frozenset(staff.roles),
        unit=unit,
        permissions=permissions,
    )
