"""The demo network as read back from the database, for tests to check."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from core.db.engine import Database
from core.demo import DemoSummary
from core.models import Client, ClientHistory, OrgUnit, Staff


@dataclass
class Loaded:
    summary: DemoSummary
    units: list[OrgUnit]
    staff: list[Staff]
    clients: list[Client]
    history: list[ClientHistory]

    def unit(self, unit_id: int | None) -> OrgUnit:
        return next(u for u in self.units if u.id == unit_id)


async def read_back(db: Database, summary: DemoSummary) -> Loaded:
    async with db.unit_of_work(readonly=True) as session:
        units, staff, clients, history = [
            list((await session.execute(sa.select(model).order_by(model.id))).scalars().all())
            for model in (OrgUnit, Staff, Client, ClientHistory)
        ]
    return Loaded(summary, units, staff, clients, history)  # type: ignore[arg-type]
