"""``--dry-run`` is the job runner's: the SLA sweep and the re-tiering, run dry, leave every
table of the database as it was (no run recorded either) and report the rows they would
change, which a real run then changes."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from core.clock import Clock, FrozenClock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database
from core.demo import load_network, load_plugin_demo_data
from core.jobs import perform
from core.models import Client, OutboxRow
from core.plugins import PluginRuntime, create_plugin_manager


async def rows_per_table(db: Database) -> dict[str, int]:
    async with db.engine.connect() as conn:
        tables = await conn.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        return {
            table: (await conn.execute(sa.text(f'SELECT count(*) FROM "{table}"'))).scalar_one() for table in tables
        }


async def test_a_dry_run_of_the_sla_sweep_and_the_retiering_writes_nothing_and_counts_what_it_would_change(
    db: Database, settings: Settings
) -> None:
    clock = Clock()
    await load_network(db, clock, clients=300)
    plugins = PluginRuntime(create_plugin_manager())
    await load_plugin_demo_data(JobContext(db=db, plugins=plugins, clock=clock, settings=settings))
    async with db.unit_of_work() as session:
        for client in (await session.execute(sa.select(Client).where(Client.tier == "gold").limit(3))).scalars():
            client.tier = "mass"
    later = FrozenClock(clock.now() + dt.timedelta(days=60))  # every open complaint overdue by then
    before = await rows_per_table(db)

    def job() -> JobContext:
        return JobContext(db=db, plugins=plugins, clock=later, settings=settings)

    dry = {name: await perform(name, job(), dry_run=True) for name in ("complaints-sla", "retier")}
    assert await rows_per_table(db) == before
    assert {report.outcome for report in dry.values()} == {"rehearsed"}
    assert dry["retier"].changed == 3 and "3" in dry["retier"].summary
    assert dry["complaints-sla"].changed and str(dry["complaints-sla"].changed) in dry["complaints-sla"].summary

    real = {name: await perform(name, job()) for name in ("complaints-sla", "retier")}
    assert {name: report.changed for name, report in real.items()} == {
        name: report.changed for name, report in dry.items()
    }
    async with db.unit_of_work(readonly=True) as session:
        queued = (await session.execute(sa.select(sa.func.count()).select_from(OutboxRow))).scalar_one()
    assert queued > before[OutboxRow.__tablename__]  # the real sweep queued its notices; the dry one did not
