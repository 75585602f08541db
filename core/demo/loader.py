"""Writing the demo network into an empty database in one unit of work.

Units go in one at a time (each needs its id before its children's materialised paths can be
written: ``/1/``, ``/1/2/``, ``/1/2/5/``); staff and clients go in with Core ``executemany``
in batches of :data:`BATCH`, their ids read back with ``RETURNING``, so memory stays flat
and 10,000 clients load in seconds on SQLite and PostgreSQL alike. A database that already
has an organisation is refused rather than merged into: the demo is for a fresh start.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.base import new_public_id
from core.db.engine import Database
from core.demo import people
from core.demo.network import (
    BIRTHPLACES,
    BRANCH_STAFF,
    HEAD_OFFICE,
    HEAD_OFFICE_STAFF,
    NETWORK,
    OUTLET_STAFF,
    SUB_BRANCH_STAFF,
    WEALTH_CENTRE_STAFF,
    BranchPlan,
    OutletPlan,
    SubBranchPlan,
)
from core.errors import Conflict
from core.i18n import _
from core.models import Client, ClientHistory, OrgUnit, Staff
from core.principal import system_principal
from core.services import audit
from core.services.clients import RISK_CLASSES, SIZES
from core.types import TierThresholds

BATCH = 1_000
SEED = 20261122
DEFAULT_CLIENTS = 10_000
STATES = {"active": 85, "dormant": 8, "prospect": 5, "closed": 2}
CORPORATE_SHARE = 0.06
RISK_WEIGHTS = {"low": 6, "medium": 3, "high": 1}
SIZE_WEIGHTS = {"small": 6, "medium": 3, "large": 1}
CLIENT, HISTORY, STAFF = Client.__table__, ClientHistory.__table__, Staff.__table__
"""Tables, not entities: an ORM bulk insert splits a batch wherever rows leave different
columns empty (retail and corporate clients do), a Core insert sends it whole."""
Progress = Callable[[int, int], None]
"""Told ``(clients written, clients wanted)`` after every batch."""


class DemoSummary(msgspec.Struct, frozen=True):
    """What was loaded: units by level, staff by role, clients by tier (``corporate`` apart)."""

    units: dict[str, int]
    staff: dict[str, int]
    clients: dict[str, int]


@dataclass
class _Outlet:
    """An outlet as client generation needs it: where it is and who can manage clients there."""

    unit: OrgUnit
    branch: BranchPlan
    sub_branch: SubBranchPlan
    plan: OutletPlan
    managers: list[tuple[int, str]] = field(default_factory=list)
    """(id, public id) of its customer managers."""


async def load_network(
    db: Database,
    clock: Clock,
    *,
    clients: int = DEFAULT_CLIENTS,
    thresholds: TierThresholds | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Load the demo network with ``clients`` clients, tiered by ``thresholds`` (the bank's
    configured ones; the defaults when not given). Refuses a database that has units."""
    rng, now, thresholds = random.Random(SEED), clock.now(), thresholds or TierThresholds()
    async with db.unit_of_work() as session:
        if await session.scalar(sa.select(sa.func.count()).select_from(OrgUnit)):
            raise Conflict(
                _(
                    "this database already has an organisation; "
                    "the demo loads only into an empty one (point TOUCHSTONE_DATABASE_URL at a new database)"
                )
            )
        head, outlets, staffing = await _build_tree(session)
        staff = await _hire(session, rng, staffing, outlets)
        system = system_principal(head.ref())
        tiers: Counter[str] = Counter()
        weights = [0.6 if o.plan.wealth_centre else 1.0 for o in outlets]
        for start in range(0, clients, BATCH):
            count = min(BATCH, clients - start)
            rows = [_client(rng, outlet, now, thresholds) for outlet in rng.choices(outlets, weights, k=count)]
            ids = await _insert(session, CLIENT, [row for row, _ in rows])
            await session.execute(
                sa.insert(HISTORY),
                [_created(ids[row["public_id"]], row, manager, system.label, now) for row, manager in rows],
            )
            tiers.update(row["tier"] or row["kind"] for row, _ in rows)
            if progress:
                progress(start + count, clients)
        summary = DemoSummary(
            units=dict(Counter(unit.level for unit, _ in staffing)),
            staff=staff,
            clients={tier: tiers[tier] for tier in (*(t for t, _ in thresholds.tiers), "corporate")},
        )
        audit.record(
            session,
            principal=system,
            at=now,
            unit=head.ref(),
            entity="demo",
            entity_id=head.code,
            action="load",
            after=msgspec.to_builtins(summary),
            reason="demo data",
        )
    return summary


async def _add_unit(session: AsyncSession, code: str, name: str, level: str, parent: OrgUnit | None) -> OrgUnit:
    unit = OrgUnit(code=code, name=name, level=level, parent_id=parent.id if parent else None, path="")
    session.add(unit)
    await session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    return unit


async def _build_tree(session: AsyncSession) -> tuple[OrgUnit, list[_Outlet], list[tuple[OrgUnit, dict[str, int]]]]:
    """The head office and the whole tree; returns the head office, the outlets, and every
    unit with the staff it should have."""
    head = await _add_unit(session, *HEAD_OFFICE, "head_office", None)
    staffing, outlets = [(head, HEAD_OFFICE_STAFF)], []
    for branch in NETWORK:
        branch_unit = await _add_unit(session, branch.code, branch.name, "branch", head)
        staffing.append((branch_unit, BRANCH_STAFF))
        for sub in branch.sub_branches:
            sub_unit = await _add_unit(session, sub.code, sub.name, "sub_branch", branch_unit)
            staffing.append((sub_unit, SUB_BRANCH_STAFF))
            for plan in sub.outlets:
                unit = await _add_unit(session, plan.code, plan.name, "outlet", sub_unit)
                staffing.append((unit, WEALTH_CENTRE_STAFF if plan.wealth_centre else OUTLET_STAFF))
                outlets.append(_Outlet(unit, branch, sub, plan))
    await session.flush()
    return head, outlets, staffing


async def _hire(
    session: AsyncSession, rng: random.Random, staffing: list[tuple[OrgUnit, dict[str, int]]], outlets: list[_Outlet]
) -> dict[str, int]:
    """Staff every unit; remembers each outlet's customer managers. Returns head count by role."""
    rows: list[dict[str, Any]] = []
    for unit, roles in staffing:
        for role, count in roles.items():
            for _seat in range(count):
                rows.append(
                    {
                        "public_id": new_public_id("st"),
                        "employee_no": f"E{len(rows) + 1:05d}",
                        "name": people.person(rng)[0],
                        "unit_id": unit.id,
                        "roles": [role],
                        "phone": people.mobile(rng),
                        "active": True,
                    }
                )
    ids = await _insert(session, STAFF, rows)
    by_unit = {outlet.unit.id: outlet for outlet in outlets}
    for row in rows:
        if row["roles"] == ["customer_manager"] and row["unit_id"] in by_unit:
            by_unit[row["unit_id"]].managers.append((ids[row["public_id"]], row["public_id"]))
    return dict(Counter(row["roles"][0] for row in rows))


async def _insert(session: AsyncSession, table: sa.Table, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert ``rows`` in one executemany; returns each new row's id by its public id. (Ids
    are matched by public id because asking for them in parameter order makes SQLite insert
    row by row.)"""
    result = await session.execute(sa.insert(table).returning(table.c.public_id, table.c.id), rows)
    return dict(result.all())


def _client(
    rng: random.Random, outlet: _Outlet, now: dt.datetime, thresholds: TierThresholds
) -> tuple[dict[str, Any], str | None]:
    """One client row, and the public id of its customer manager if it has one."""
    state = rng.choices(list(STATES), list(STATES.values()))[0]
    city = outlet.branch.city
    street = f"{city}{outlet.sub_branch.district}{outlet.plan.street}"
    common = {
        "public_id": new_public_id("cl"),
        "unit_id": outlet.unit.id,
        "state": state,
        "created_at": now,
        "updated_at": now,
    }
    if rng.random() < CORPORATE_SHARE:
        manager_id, manager = rng.choice(outlet.managers)
        return {
            **common,
            "kind": "corporate",
            "name": people.company(rng, city),
            "id_number": people.credit_code(rng, outlet.sub_branch.area_code),
            "phone": people.landline(rng, outlet.branch.dialling_code),
            "email": None,
            "address": people.address(rng, street, office=True),
            "birthday": None,
            "assets_under_management": None,
            "deposits": None,
            "tier": None,
            "manager_id": manager_id,
            "risk_class": rng.choices(RISK_CLASSES, [RISK_WEIGHTS[c] for c in RISK_CLASSES])[0],
            "size": rng.choices(SIZES, [SIZE_WEIGHTS[s] for s in SIZES])[0],
        }, manager
    name, male = people.person(rng)
    born = people.birthday(rng, now.date())
    birthplace = outlet.sub_branch.area_code if rng.random() < 0.6 else rng.choice(BIRTHPLACES)
    phone = people.mobile(rng)
    # prospects have not opened an account yet and closed clients have taken their money out
    empty = state in ("prospect", "closed")
    assets = Decimal("0.00") if empty else people.retail_assets(rng, outlet.plan.wealth_centre)
    tier = thresholds.tier_for(assets)
    premium = tier != thresholds.tiers[-1][0]
    manager_id, manager = rng.choice(outlet.managers) if premium else (None, None)
    return {
        **common,
        "kind": "retail",
        "name": name,
        "id_number": people.resident_id(rng, birthplace, born, male),
        "phone": phone,
        "email": people.email(rng, phone),
        "address": people.address(rng, street, office=False),
        "birthday": born,
        "assets_under_management": assets,
        "deposits": people.deposit_share(rng, assets),
        "tier": tier,
        "manager_id": manager_id,
        "risk_class": None,
        "size": None,
    }, manager


def _created(client_id: int, row: dict[str, Any], manager: str | None, actor: str, now: dt.datetime) -> dict[str, Any]:
    """The client's first history entry, shaped like the one the clients service writes."""
    initial = {"state": row["state"], "tier": row["tier"], "manager": manager}
    return {
        "client_id": client_id,
        "at": now,
        "actor": actor,
        "action": "created",
        "reason": "demo data",
        "changes": [{"field": f, "before": None, "after": v} for f, v in initial.items() if v is not None],
    }
