"""The organisation a test starts from: a small tree, its staff and clients, plugin switches.

:data:`NETWORK` is head office → two branches → sub-branches → outlets, small enough to
read in a test's assertions. :func:`build_network` writes the units alone (what most tests
need); :func:`seed_network` adds a member of staff in every role at the level that role
works at and, at each outlet, a client of each tier, through the core's own services (so
their history, audit and tier are what the API would have written).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from core.clock import Clock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database
from core.demo import people
from core.generations import bump_org
from core.models import Client, OrgUnit, PluginEnablement, Staff
from core.plugins import PluginRuntime
from core.services import clients, staff

NETWORK: list[tuple[str, str, str, str | None]] = [
    ("HO", "总行", "head_office", None),
    ("BR1", "北京分行", "branch", "HO"),
    ("SB1", "朝阳支行", "sub_branch", "BR1"),
    ("OUT1", "望京网点", "outlet", "SB1"),
    ("OUT2", "国贸理财中心", "outlet", "SB1"),
    ("SB2", "海淀支行", "sub_branch", "BR1"),
    ("OUT3", "中关村网点", "outlet", "SB2"),
    ("BR2", "上海分行", "branch", "HO"),
    ("SB3", "浦东支行", "sub_branch", "BR2"),
    ("OUT4", "陆家嘴网点", "outlet", "SB3"),
]
"""(code, name, level, parent code) of each unit, parents first."""

START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
"""Where the frozen clock of every test starts (17:00 in China, a Friday)."""

ROLES_BY_LEVEL: dict[str, tuple[str, ...]] = {
    "head_office": ("head_office_service", "operations", "risk", "compliance", "admin"),
    "branch": ("branch_service",),
    "sub_branch": ("sub_branch_head",),
    "outlet": ("teller", "lobby_manager", "customer_manager", "outlet_head"),
}
"""Which roles :func:`seed_network` staffs at every unit of a level: together, every role."""

HOMES = {"BR1": ("110105", "北京市朝阳区建国路"), "BR2": ("310115", "上海市浦东新区世纪大道")}
"""Per branch, the district code clients' ID numbers are issued in and a street they live on."""
SEED = 20261120


async def build_network(db: Database) -> dict[str, OrgUnit]:
    """Insert :data:`NETWORK` directly (the tree the API tests start from)."""
    units: dict[str, OrgUnit] = {}
    async with db.unit_of_work() as session:
        for code, name, level, parent in NETWORK:
            unit = OrgUnit(code=code, name=name, level=level, parent_id=units[parent].id if parent else None, path="")
            session.add(unit)
            await session.flush()
            unit.path = f"{units[parent].path if parent else '/'}{unit.id}/"
            units[code] = unit
        await session.flush()
    return units


async def enable(db: Database, plugin: str, unit: OrgUnit, enabled: bool = True) -> None:
    """Switch ``plugin`` on (or off) at ``unit`` directly in the database (as the API would;
    the units below inherit it). Switching again replaces the unit's earlier switch."""
    async with db.unit_of_work() as session:
        await session.merge(
            PluginEnablement(
                unit_id=unit.id, plugin=plugin, enabled=enabled, changed_at=START, changed_by="test", reason="test"
            )
        )
        await bump_org(session)


class PluginSwitch(Protocol):
    """What the ``enable_plugin`` fixture is: ``await enable_plugin("acme_lounge", "SB1")``
    (``enabled=False`` switches it off there)."""

    async def __call__(self, plugin: str, unit: str = "HO", enabled: bool = True) -> None: ...


@dataclass(frozen=True)
class SeededNetwork:
    """The :data:`NETWORK` with people in it.

    ``staff["teller", "OUT1"]`` is the teller at OUT1 (every role has one member of staff at
    each unit of its level, see :data:`ROLES_BY_LEVEL`); ``clients["gold", "OUT1"]`` is an
    active retail client of OUT1 whose assets put it in that tier (one per tier and outlet;
    clients above the lowest tier are managed by the outlet's customer manager).
    """

    units: dict[str, OrgUnit]
    staff: dict[tuple[str, str], Staff]
    clients: dict[tuple[str, str], Client]


async def seed_network(
    db: Database, units: dict[str, OrgUnit], *, plugins: PluginRuntime, clock: Clock, settings: Settings
) -> SeededNetwork:
    """Staff and clients for ``units`` (built by :func:`build_network`), written in one unit
    of work as the system through the core's services. Names, phone numbers and ID numbers
    are drawn from a fixed seed, so every run seeds the same people."""
    rng = random.Random(SEED)
    job = JobContext(db=db, plugins=plugins, clock=clock, settings=settings)
    hired: dict[tuple[str, str], Staff] = {}
    opened: dict[tuple[str, str], Client] = {}
    async with job.unit_of_work() as ctx:
        for code, unit in units.items():
            for role in ROLES_BY_LEVEL[unit.level]:
                hired[role, code] = await staff.create(
                    ctx,
                    employee_no=f"T{len(hired) + 1:05d}",
                    name=people.person(rng)[0],
                    unit_code=code,
                    roles=[role],
                    phone=people.mobile(rng),
                    reason="seeded for tests",
                )
        tiers = ctx.thresholds.tiers
        for code, unit in units.items():
            if unit.level != "outlet":
                continue
            area, street = HOMES[next(c for c in HOMES if f"/{units[c].id}/" in unit.path)]
            for tier, floor in tiers:
                manager = hired["customer_manager", code] if tier != tiers[-1][0] else None
                opened[tier, code] = await clients.create(
                    ctx,
                    unit_code=code,
                    kind="retail",
                    values=_retail(rng, area, street, floor + 1000, ctx.now),
                    state="active",
                    manager_id=manager.public_id if manager else None,
                    reason="seeded for tests",
                )
    return SeededNetwork(units=units, staff=hired, clients=opened)


def _retail(rng: random.Random, area: str, street: str, assets: Decimal, now: dt.datetime) -> dict[str, object]:
    """A retail client's profile whose ID number, birthday and phone agree and pass the
    checks a bank's systems run (GB 11643 check digit, an adult's birthday, a mobile prefix)."""
    name, male = people.person(rng)
    born = people.birthday(rng, now.date())
    phone = people.mobile(rng)
    return {
        "name": name,
        "id_number": people.resident_id(rng, area, born, male),
        "phone": phone,
        "email": f"{phone}@163.com",
        "address": people.address(rng, street, office=False),
        "birthday": born,
        "assets_under_management": assets,
        "deposits": people.deposit_share(rng, assets),
    }
