"""Every job, run as an operator runs it (``touchstone jobs run NAME`` in a process of its own,
its logging set up as in production), prints ids, topics, counts and outcomes only: none of the
clients' names, phone numbers or ID numbers reaches its output, nor the outbox's log channel
file, although the messages it delivers carry them; a job that fails on the database keeps
the statement's values out of its error and its recorded summary."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core import hookimpl
from core.clock import Clock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database
from core.demo import load_network, load_plugin_demo_data
from core.jobs import available_jobs, run_job
from core.models import Client, JobRun, OutboxRow
from core.plugins import PluginRuntime, create_plugin_manager
from core.types import Job
from tests.conftest import SAMPLE_SITE

TOUCHSTONE = Path(sys.executable).parent / "touchstone"
JOBS = ["archive-purge", "expire-idempotency-keys", "retier", "complaints-sla", "vip-birthdays", "outbox"]
"""In this order, so the outbox job also delivers what the jobs before it queued."""


async def seed(db: Database, settings: Settings) -> None:
    """The demo network and the plugins' part of the demo at today's date, one client whose
    purge is due and one on the wrong tier, so every job has something to do."""
    clock = Clock()
    await load_network(db, clock, clients=300)
    await load_plugin_demo_data(
        JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    )
    async with db.unit_of_work() as session:
        archived, wrong = (
            await session.execute(sa.select(Client).where(Client.kind == "retail", Client.tier == "gold").limit(2))
        ).scalars()
        long_ago = clock.now() - dt.timedelta(days=400)
        archived.state, archived.archived_at, archived.purge_after = "archived", long_ago, long_ago
        wrong.tier = "mass"


async def personal_data(db: Database) -> tuple[set[str], list[dict]]:
    """Every client's name, phone and ID number, and the payloads of the messages waiting."""
    async with db.unit_of_work(readonly=True) as session:
        rows = (await session.execute(sa.select(Client.name, Client.phone, Client.id_number))).all()
        payloads = (await session.execute(sa.select(OutboxRow.payload))).scalars().all()
    return {value for row in rows for value in row if value}, list(payloads)


async def test_no_job_prints_a_clients_name_phone_or_id_number(
    db: Database, settings: Settings, database_url: str, tmp_path: Path
) -> None:
    await seed(db, settings)
    secrets, payloads = await personal_data(db)
    assert any(value in str(payload) for payload in payloads for value in secrets)  # the messages do carry them
    assert set(JOBS) == set(available_jobs(PluginRuntime(create_plugin_manager())))
    env = {
        **os.environ,
        "TOUCHSTONE_DATABASE_URL": database_url,
        "TOUCHSTONE_DATA_DIR": str(tmp_path),
        "TOUCHSTONE_LANG": "en",
        "PYTHONPATH": os.pathsep.join([str(SAMPLE_SITE), os.environ.get("PYTHONPATH", "")]),
    }
    outputs = {}
    for job in JOBS:
        run = subprocess.run(
            [str(TOUCHSTONE), "jobs", "run", job], env=env, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, run.stderr
        outputs[job] = run.stdout + run.stderr
    assert "archive-purge: 1 clients purged" in outputs["archive-purge"]
    assert "retier: 1 clients changed tier" in outputs["retier"]
    delivered = int(re.search(r"outbox: (\d+) delivered", outputs["outbox"])[1])  # type: ignore[index]
    assert delivered >= len(payloads)
    outputs["outbox.log"] = (tmp_path / "outbox.log").read_text(encoding="utf-8")
    assert outputs["outbox.log"].count('"topic"') == delivered  # one line per message: key, topic, unit
    leaks = {where: sorted(value for value in secrets if value in text) for where, text in outputs.items()}
    assert leaks == {where: [] for where in outputs}


class Clumsy:
    """A job that writes a client twice under one id: its error carries the statement."""

    async def run(self, job: JobContext) -> str:
        async with job.unit_of_work() as ctx:
            for _ in range(2):
                ctx.session.add(
                    Client(
                        public_id="cl_twice",
                        kind="retail",
                        name="欧阳娜娜",
                        phone="13912345678",
                        id_number="110101199003071234",
                        unit_id=ctx.unit.id,
                        state="active",
                    )
                )
                await ctx.session.flush()
        return "clumsy: done"

    @hookimpl
    def register_jobs(self) -> list[Job]:
        return [Job(name="clumsy", description="fails", run=self.run)]


async def test_a_job_failing_on_the_database_keeps_the_values_out_of_its_error(db, network, settings, clock) -> None:
    job = JobContext(
        db=db,
        plugins=PluginRuntime(create_plugin_manager(plugins=[("clumsy", Clumsy())])),
        clock=clock,
        settings=settings,
    )
    with pytest.raises(IntegrityError) as failed:
        await run_job("clumsy", job)
    async with db.unit_of_work(readonly=True) as session:
        summary = (await session.execute(sa.select(JobRun.summary).where(JobRun.job == "clumsy"))).scalar_one()
    assert summary.startswith("IntegrityError")
    for text in (str(failed.value), summary):
        assert not [value for value in ("欧阳娜娜", "13912345678", "110101199003071234") if value in text], text
