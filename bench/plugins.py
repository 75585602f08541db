"""The bundled plugins' hot paths, each beside a baseline measured in the same run:

* the complaints SLA sweep (``complaints-sla``) against a plain set-based ``UPDATE`` moving the
  same orders' handling unit to its parent, and a second run that finds nothing to do;
* the complaint report, rolled up the tree by month, against the bare ``GROUP BY`` of the rows;
* perk redemption through the API (idempotency key, quota under the client's lock, a service
  event) from 32 connections, for different clients and for one client's perk, against the
  bare insert-and-commit endpoint of the same server;
* the birthday job (``vip-birthdays``), the programme on at one branch, against a plain
  ``SELECT`` of the clients whose birthday falls in the window.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import msgspec
import sqlalchemy as sa

from bench import data, load, rounds
from bench.figures import fresh_peak, peak_rss_mb, report
from core.chinatime import china_date
from core.clock import Clock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database
from core.jobs import run_job
from core.models import Client, OrgUnit
from core.plugins import PluginRuntime, create_plugin_manager
from plugins.complaints import reports
from plugins.complaints.models import WorkOrder
from plugins.vip_benefits.periods import birthdays_ahead

REDEEM = "/api/v1/plugins/vip_benefits/redemptions"
GOLD_CLIENTS = 5000


def job_context(db: Database, settings: Settings) -> JobContext:
    return JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=Clock(), settings=settings)


# --- perk redemption through the API -------------------------------------------------------


async def prepare_redemptions(db: Database) -> None:
    """Gold clients at O1, the perks and their rules, the programme switched on at B1 (the
    running server sees the switch at its next request, like any switch)."""
    await data.gold_clients(db.engine, GOLD_CLIENTS)
    await data.perks(db.engine)
    await data.switch(db.engine, "vip_benefits", data.B1, True)


async def redemption_benchmarks(
    backend: str, port: int, server_pid: int, auth: dict[str, str], seconds: float, baseline: tuple[float, float]
) -> None:
    base_rps, base_p99 = baseline
    run = uuid.uuid4().hex[:8]

    def redemption(client: int, i: int) -> bytes:
        body = msgspec.json.encode(
            {
                "client": f"cl_v{client}",
                "perk": data.REDEMPTION_PERK,
                "measurements": {"identity_verified": True, "wait_minutes": 2 + i % 9, "terms_explained": True},
            }
        )
        return load.request("POST", REDEEM, body, {**auth, "Idempotency-Key": f"{run}-{client}-{i}"})

    # a second untimed: the server's first redemptions compile their statements and load the switch
    await load.run("127.0.0.1", port, lambda i: redemption(GOLD_CLIENTS - i % 100, -i), seconds=1.0, connections=4)
    spread_rps, counts, spread_p99 = await load.run(
        "127.0.0.1", port, lambda i: redemption(1 + i % GOLD_CLIENTS, i), seconds=seconds
    )
    assert set(counts) == {201}, counts
    report(
        backend,
        "perk redemptions via API, 32 connections, different clients (redemptions/s, p99)",
        f"{spread_rps:,.0f}/s p99 {spread_p99:.0f} ms",
        f"insert+commit endpoint {base_rps:,.0f}/s p99 {base_p99:.0f} ms",
        spread_rps / base_rps,
        f"server peak RSS {peak_rss_mb(server_pid):.0f} MB",
    )
    one_rps, counts, one_p99 = await load.run("127.0.0.1", port, lambda i: redemption(1, i), seconds=seconds)
    assert set(counts) == {201}, counts
    report(
        backend,
        "perk redemptions via API, 32 connections, one client's perk (row lock)",
        f"{one_rps:,.0f}/s p99 {one_p99:.0f} ms ({one_rps / spread_rps:.2f}× different clients)",
        f"insert+commit endpoint {base_rps:,.0f}/s p99 {base_p99:.0f} ms",
        one_rps / base_rps,
        f"server peak RSS {peak_rss_mb(server_pid):.0f} MB",
    )


# --- complaints ----------------------------------------------------------------------------


async def prepare_complaints(db: Database, orders: int, overdue: int) -> dt.datetime:
    """The plugin on at head office, ``orders`` answered orders over the quarter, ``overdue``
    orders past their first-contact deadline now; returns that now."""
    now = Clock().now()
    await data.switch(db.engine, "complaints", 1, True)
    await data.work_orders(db.engine, orders)
    await data.work_orders(db.engine, overdue, overdue_at=now)
    async with db.engine.begin() as conn:
        await conn.execute(sa.text("ANALYZE"))
    return now


async def sweep_benchmark(backend: str, db: Database, settings: Settings, n: int, now: dt.datetime) -> None:
    job = job_context(db, settings)
    fresh_peak()
    started = time.perf_counter()
    summary = await run_job("complaints-sla", job)
    swept = time.perf_counter() - started
    escalated = int(summary.split(": ")[1].split()[0])
    assert escalated == n, summary
    started = time.perf_counter()
    again = await run_job("complaints-sla", job)
    rerun = time.perf_counter() - started
    assert again.startswith("complaints-sla: 0 escalations"), again
    same_rows = sa.and_(WorkOrder.state == "received", WorkOrder.first_contact_due_at < now)
    async with db.engine.begin() as conn:
        await conn.execute(sa.update(WorkOrder).where(same_rows).values(handling_unit_id=WorkOrder.unit_id))
    parent = sa.select(OrgUnit.parent_id).where(OrgUnit.id == WorkOrder.handling_unit_id).scalar_subquery()
    started = time.perf_counter()
    async with db.engine.begin() as conn:
        moved = (await conn.execute(sa.update(WorkOrder).where(same_rows).values(handling_unit_id=parent))).rowcount
    plain = time.perf_counter() - started
    assert moved == n, moved
    report(
        backend,
        f"complaints SLA sweep, {n:,} overdue orders one level up (escalations/s); second run",
        f"{n / swept:,.0f}/s ({swept:.2f} s); rerun 0 in {rerun:.2f} s",
        f"plain UPDATE to the parent {n / plain:,.0f}/s ({plain:.2f} s)",
        (n / swept) / (n / plain),
        f"peak RSS {peak_rss_mb():.0f} MB",
    )


async def complaint_report_benchmark(backend: str, db: Database, n: int) -> None:
    since, until = data.QUARTER_START, data.QUARTER_START + dt.timedelta(days=92)
    bare_query = (
        sa.select(
            WorkOrder.unit_id,
            WorkOrder.category,
            sa.func.count(),
            sa.func.count(WorkOrder.breached_at),
            sa.func.count(WorkOrder.justified),
        )
        .where(WorkOrder.received_at >= since, WorkOrder.received_at < until)
        .group_by(WorkOrder.unit_id, WorkOrder.category)
    )
    ours, plain, rows, bare = await rounds.against_bare(
        db, lambda ctx, head: reports.report(ctx, head, "month", since, until, depth=1), bare_query
    )
    counted = sum(r.complaints for r in rows if r.unit == "HO" and r.category is None)
    assert counted == sum(row[2] for row in bare) == n, (counted, n)
    report(
        backend,
        f"complaint report by month over {n:,} orders ({len(rows)} rows, rolled up, percentiles)",
        f"{ours:.2f} s",
        f"bare GROUP BY {plain:.2f} s ({len(bare):,} groups)",
        ours / plain,
        f"peak RSS {peak_rss_mb():.0f} MB",
    )


# --- the birthday job ----------------------------------------------------------------------


async def birthday_benchmark(backend: str, db: Database, settings: Settings, n: int) -> None:
    """Over the clients of :func:`bench.data.clients` (already tiered), the programme on at B1."""
    await data.switch(db.engine, "vip_benefits", data.B1, True)
    job = job_context(db, settings)
    fresh_peak()
    started = time.perf_counter()
    summary = await run_job("vip-birthdays", job)
    ours = time.perf_counter() - started
    opened = int(summary.split(": ")[1].split()[0])
    ahead = birthdays_ahead(china_date(Clock().now()), 7)
    month_day = sa.extract("month", Client.birthday) * 100 + sa.extract("day", Client.birthday)
    branch = sa.select(OrgUnit.path).where(OrgUnit.id == data.B1).scalar_subquery()
    query = (
        sa.select(Client.id, Client.public_id, Client.name, Client.phone, Client.birthday, Client.unit_id)
        .join(OrgUnit, OrgUnit.id == Client.unit_id)
        .where(
            OrgUnit.path.startswith(branch),
            Client.state.in_(("active", "dormant")),
            Client.tier.in_(("gold", "private_banking")),
            month_day.in_(list(ahead)),
        )
    )
    started = time.perf_counter()
    async with db.engine.connect() as conn:
        found = (await conn.execute(query)).all()
    plain = time.perf_counter() - started
    assert opened == len(found), (summary, len(found))
    report(
        backend,
        f"birthday job over {n:,} clients, on at one branch ({opened:,} tasks and greetings)",
        f"{ours:.2f} s",
        f"plain SELECT of the same clients {plain:.2f} s",
        ours / plain,
        f"peak RSS {peak_rss_mb():.0f} MB",
    )
