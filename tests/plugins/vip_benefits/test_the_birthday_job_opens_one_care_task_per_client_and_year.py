"""``touchstone jobs run vip-birthdays`` opens a care task and queues a greeting for each
client whose birthday is in the next N days (China Standard Time) and who is entitled to the
birthday perk, at units where the programme is on; never twice for a client in a year, not
even when two hosts run it at the same moment; 29 February is kept on the 28th outside leap
years and January's birthdays seen from December belong to next year."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from core.clock import FrozenClock
from core.context import JobContext
from core.db.engine import Database, create_engine
from core.jobs import run_job
from core.plugins import PluginRuntime, create_plugin_manager
from plugins.vip_benefits import care
from plugins.vip_benefits.models import CareTask
from tests.plugins.vip_benefits.conftest import API, CAKE, Programme, at_local

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries


async def birthday_programme(vip: Programme) -> None:
    await vip.switch("SB1")
    await vip.perk(CAKE, unit="SB1")
    await vip.rules(
        "SB1",
        {"perk": "birthday_cake", "tier": "gold", "quota": 1},
        {"perk": "birthday_cake", "tier": "private_banking", "quota": 1},
    )


def job_for(database_url: str, settings, clock: FrozenClock) -> JobContext:  # type: ignore[no-untyped-def]
    return JobContext(
        db=Database(create_engine(database_url)),
        plugins=PluginRuntime(create_plugin_manager()),
        clock=clock,
        settings=settings,
    )


async def test_entitled_clients_with_a_birthday_ahead_get_one_task_and_greeting(
    vip: Programme, database_url, settings, clock: FrozenClock
) -> None:
    await birthday_programme(vip)
    due = await vip.open_client("gold", birthday="1980-11-22")
    downgraded = await vip.open_client("gold", unit="OUT2", birthday="1975-11-27")
    await vip.set_tier(downgraded, "silver")  # keeps the cake for the grace period
    await vip.open_client("gold", birthday="1980-12-25")  # too far ahead
    await vip.open_client("silver", birthday="1980-11-21")  # not entitled
    await vip.open_client("gold", unit="OUT3", birthday="1980-11-21")  # the programme is off there
    job = job_for(database_url, settings, clock)
    assert await run_job(care.JOB, job) == "vip-birthdays: 2 care tasks opened, 2 greetings queued"
    assert await run_job(care.JOB, job) == "vip-birthdays: 0 care tasks opened, 0 greetings queued"
    await job.db.dispose()
    tasks = (
        await vip.client.get(f"{API}/care-tasks", params={"unit": "SB1"}, headers=await vip.as_("outlet_head", "SB1"))
    ).json()
    assert sorted((t["client"], t["unit"], t["year"], t["due_on"], t["status"]) for t in tasks["items"]) == sorted(
        [(due, "OUT1", 2026, "2026-11-22", "open"), (downgraded, "OUT2", 2026, "2026-11-27", "open")]
    )
    greetings = (
        await vip.client.get(
            "/api/v1/outbox", params={"topic": "vip_benefits.birthday_greeting"}, headers=await vip.as_("operations")
        )
    ).json()["items"]
    assert sorted(g["key"] for g in greetings) == sorted(
        [f"vip-birthday:{due}:2026", f"vip-birthday:{downgraded}:2026"]
    )
    mine = next(t["id"] for t in tasks["items"] if t["client"] == due)
    done = await vip.client.post(f"{API}/care-tasks/{mine}/done", headers=await vip.as_("customer_manager", "OUT1"))
    assert done.status_code == 200 and done.json()["status"] == "done" and done.json()["done_by"].startswith("staff:")
    again = await vip.client.post(f"{API}/care-tasks/{mine}/done", headers=await vip.as_("customer_manager", "OUT1"))
    assert again.status_code == 409
    elsewhere = await vip.client.post(
        f"{API}/care-tasks/{mine}/done", headers=await vip.as_("customer_manager", "OUT2")
    )
    assert elsewhere.status_code == 404


async def test_new_year_and_leap_days_land_on_the_right_day_and_year(
    vip: Programme, database_url, settings, clock: FrozenClock
) -> None:
    await birthday_programme(vip)
    await vip.settings("SB1", birthday_look_ahead_days=2)
    await vip.open_client("gold", birthday="1988-01-01")
    await vip.open_client("gold", birthday="1992-02-29")
    job = job_for(database_url, settings, clock)
    clock.set(at_local(2026, 12, 30, 8))
    await run_job(care.JOB, job)
    clock.set(at_local(2027, 2, 26, 8))
    await run_job(care.JOB, job)
    clock.set(at_local(2028, 2, 28, 8))
    await run_job(care.JOB, job)
    async with job.db.unit_of_work(readonly=True) as session:
        rows = (await session.execute(sa.select(CareTask.year, CareTask.due_on).order_by(CareTask.id))).all()
    await job.db.dispose()
    assert [(year, due.isoformat()) for year, due in rows] == [
        (2027, "2027-01-01"),
        (2027, "2027-02-28"),
        (2028, "2028-02-29"),
    ]


async def test_two_hosts_running_it_at_once_open_each_task_once(
    vip: Programme, database_url, settings, clock: FrozenClock
) -> None:
    await birthday_programme(vip)
    for day in range(21, 27):
        await vip.open_client("private_banking", birthday=f"1970-11-{day}")
    hosts = [job_for(database_url, settings, clock) for _ in range(2)]
    summaries = await asyncio.gather(*(care.birthdays(job) for job in hosts))  # past the job lock: only the key holds
    for job in hosts:
        await job.db.dispose()
    opened = sorted(int(s.split(": ")[1].split()[0]) for s in summaries)
    assert sum(opened) == 6
    tasks = (await vip.client.get(f"{API}/care-tasks", headers=await vip.as_("outlet_head", "SB1"))).json()["items"]
    assert len(tasks) == 6 and len({t["client"] for t in tasks}) == 6
