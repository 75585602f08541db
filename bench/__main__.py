"""Run every benchmark on SQLite and (when reachable) PostgreSQL; print each figure beside a
baseline measured in the same run, as a ratio, with peak memory.

    .venv/bin/python -m bench            # everything (several minutes)
    .venv/bin/python -m bench --quick    # smaller data, shorter loads (a smoke run)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import msgspec
import sqlalchemy as sa

from bench import data, load, plugins, rounds
from bench.figures import ROWS, fresh_peak, peak_rss_mb, report
from bench.server import BASELINE_DDL
from core import migrate
from core.clock import Clock
from core.config import Settings
from core.context import JobContext
from core.db.engine import Database, create_engine
from core.jobs import run_job
from core.jobs.retier import tier_case
from core.models import Client, OrgUnit, ServiceEvent
from core.plugins import PluginRuntime, create_plugin_manager
from core.services import compliance, tokens
from core.types import TierThresholds

PG_ADMIN = os.environ.get("TOUCHSTONE_BENCH_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")


async def prepare(url: str) -> tuple[Database, str]:
    db = Database(create_engine(url))
    runtime = PluginRuntime(create_plugin_manager())
    await migrate.upgrade(
        db.engine, migrate.owner_locations([loc for _, loc in runtime.collect("register_migrations")])
    )
    await data.network(db.engine)
    await data.standards(db.engine, data.QUARTER_START)
    pk = "INTEGER PRIMARY KEY" if db.dialect == "sqlite" else "BIGSERIAL PRIMARY KEY"
    async with db.engine.begin() as conn:
        await conn.execute(sa.text(BASELINE_DDL.format(pk=pk)))
    async with db.unit_of_work() as session:
        outlet = (await session.execute(sa.text("SELECT id FROM org_unit WHERE code = 'O1'"))).scalar_one()
        unit = await session.get(OrgUnit, outlet)
        account = await tokens.service_account_for(session, role="teller", unit=unit, now=Clock().now())
        _, secret = await tokens.issue(session, now=Clock().now(), ttl=dt.timedelta(days=1), service_account=account)
    return db, secret


def event_body(i: int) -> dict:
    """A counter contact; about one in eight fails a control (a realistic rate), raising a
    nonconformity like any failure would."""
    return {
        "touchpoint": f"tp{1 + i % data.TOUCHPOINTS}",
        "unit": "O1",
        "occurred_at": "2026-08-01T10:00:00+08:00",
        "measurements": {"wait_minutes": 2 + i % 15, "service_log_written": i % 20 != 0},
    }


def start_server(url: str, data_dir: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TOUCHSTONE_DATABASE_URL": url, "TOUCHSTONE_DATA_DIR": data_dir}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.server:create_bench_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--loop",
            "uvloop",
            "--http",
            "httptools",
        ],
        env=env,
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the bench server did not start")


async def http_benchmarks(
    backend: str, db: Database, url: str, data_dir: str, secret: str, seconds: float, batches: int
) -> None:
    port = 8790
    server = start_server(url, data_dir, port)
    try:
        auth = {"Authorization": f"Bearer {secret}"}
        body = lambda i: msgspec.json.encode(event_body(i))  # noqa: E731
        base_rps, base_counts, base_p99 = await load.run(
            "127.0.0.1", port, lambda i: load.request("POST", "/bench/baseline", body(i), {}), seconds=seconds
        )
        rps, counts, p99 = await load.run(
            "127.0.0.1", port, lambda i: load.request("POST", "/api/v1/events", body(i), auth), seconds=seconds
        )
        assert set(counts) == {201} and set(base_counts) == {201}, (counts, base_counts)
        report(
            backend,
            "single events via API (events/s, p99)",
            f"{rps:,.0f}/s p99 {p99:.0f} ms",
            f"insert+commit endpoint {base_rps:,.0f}/s p99 {base_p99:.0f} ms",
            rps / base_rps,
            f"server peak RSS {peak_rss_mb(server.pid):.0f} MB",
        )
        batch = msgspec.json.encode({"events": [event_body(i) for i in range(500)]})
        rate, counts, batch_p99 = await load.run(
            "127.0.0.1",
            port,
            lambda i: load.request("POST", "/api/v1/events/batch", batch, auth),
            seconds=seconds,
            connections=4,
        )
        assert set(counts) == {200}, counts
        api_rate = rate * 500
        raw_rate = await raw_executemany(url, batches)
        report(
            backend,
            "batches of 500 via API, 4 connections (events/s)",
            f"{api_rate:,.0f}/s p99 {batch_p99:.0f} ms",
            f"raw Core executemany {raw_rate:,.0f}/s",
            api_rate / raw_rate,
            f"server peak RSS {peak_rss_mb(server.pid):.0f} MB",
        )
        await plugins.prepare_redemptions(db)
        await plugins.redemption_benchmarks(backend, port, server.pid, auth, seconds, (base_rps, base_p99))
    finally:
        server.terminate()
        server.wait()
    # off again: with a plugin that hears of tier moves on anywhere, re-tiering walks every client
    await data.switch(db.engine, "vip_benefits", data.B1, None)


async def raw_executemany(url: str, batches: int) -> float:
    """The same rows inserted with Core executemany in batches of 500, no HTTP, no evaluation."""
    engine = create_engine(url)
    now = Clock().now()
    rows = [
        {
            "public_id": f"ev_raw_{b}_{i}",
            "touchpoint_id": 1 + i % data.TOUCHPOINTS,
            "version_id": 1 + i % data.TOUCHPOINTS,
            "unit_id": 1001,
            "occurred_at": dt.datetime(2026, 8, 1, 2, tzinfo=dt.UTC),
            "recorded_at": now,
            "channel": "branch",
            "measurements": event_body(i)["measurements"],
            "outcome": "pass",
            "evaluation": [],
            "recorded_by": "bench",
        }
        for b in range(batches)
        for i in range(500)
    ]
    started = time.perf_counter()
    for b in range(batches):
        async with engine.begin() as conn:
            await conn.execute(sa.insert(ServiceEvent), rows[b * 500 : (b + 1) * 500])
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return batches * 500 / elapsed


async def retier_benchmark(backend: str, db: Database, settings: Settings, n: int) -> None:
    await data.clients(db.engine, n)
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=Clock(), settings=settings)
    fresh_peak()
    started = time.perf_counter()
    summary = await run_job("retier", job)
    job_seconds = time.perf_counter() - started
    async with db.engine.begin() as conn:
        await conn.execute(sa.text("UPDATE client SET tier = NULL"))
    started = time.perf_counter()
    async with db.engine.begin() as conn:
        await conn.execute(sa.update(Client).values(tier=tier_case(TierThresholds())))
    plain = time.perf_counter() - started
    report(
        backend,
        f"re-tiering {n:,} clients ({summary})",
        f"{job_seconds:.2f} s",
        f"plain UPDATE {plain:.2f} s",
        job_seconds / plain,
        f"peak RSS {peak_rss_mb():.0f} MB",
    )


async def report_benchmark(backend: str, db: Database, n: int) -> None:
    await data.events(db.engine, n)
    async with db.engine.begin() as conn:
        await conn.execute(sa.text("ANALYZE"))
    since, until = data.QUARTER_START, data.QUARTER_START + dt.timedelta(days=92)
    bare_query = (
        sa.select(
            ServiceEvent.unit_id,
            ServiceEvent.touchpoint_id,
            sa.func.count(),
            sa.func.sum(sa.case((ServiceEvent.outcome == "pass", 1), else_=0)),
        )
        .where(ServiceEvent.occurred_at >= since, ServiceEvent.occurred_at < until)
        .group_by(ServiceEvent.unit_id, ServiceEvent.touchpoint_id)
    )
    ours, plain, rows, bare = await rounds.against_bare(
        db, lambda ctx, head: compliance.compliance(ctx, head, "quarter", since, until, depth=1), bare_query
    )
    report(
        backend,
        f"quarter compliance report over {n:,} events ({len(rows)} rows, rolled up)",
        f"{ours:.2f} s",
        f"bare GROUP BY {plain:.2f} s ({len(bare):,} groups)",
        ours / plain,
        f"peak RSS {peak_rss_mb():.0f} MB",
    )


async def backend_run(backend: str, args: argparse.Namespace) -> None:
    workdir = tempfile.mkdtemp(prefix=f"bench-{backend}-")
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{workdir}/bench.db"
    else:
        admin = create_engine(PG_ADMIN)
        async with admin.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.text("DROP DATABASE IF EXISTS touchstone_bench WITH (FORCE)"))
            await conn.execute(sa.text("CREATE DATABASE touchstone_bench"))
        await admin.dispose()
        url = PG_ADMIN.rsplit("/", 1)[0] + "/touchstone_bench"
    db, secret = await prepare(url)
    settings = Settings(data_dir=Path(workdir), database_url=url)
    try:
        await http_benchmarks(backend, db, url, workdir, secret, args.seconds, args.batches)
        await retier_benchmark(backend, db, settings, args.clients)
        await report_benchmark(backend, db, args.events)
        now = await plugins.prepare_complaints(db, args.orders, args.overdue)
        await plugins.sweep_benchmark(backend, db, settings, args.overdue, now)
        await plugins.complaint_report_benchmark(backend, db, args.orders)
        await plugins.birthday_benchmark(backend, db, settings, args.clients)
    finally:
        await db.dispose()
        shutil.rmtree(workdir, ignore_errors=True)


async def pg_reachable() -> bool:
    engine = create_engine(PG_ADMIN)
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
        return True
    except Exception:  # unreachable: the PostgreSQL half is skipped, and says so
        return False
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small data and short loads")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    args.seconds, args.batches = (3.0, 10) if args.quick else (8.0, 60)
    args.clients, args.events = (100_000, 500_000) if args.quick else (1_000_000, 5_000_000)
    args.orders, args.overdue = (20_000, 2_000) if args.quick else (200_000, 20_000)
    backends = [args.only] if args.only else ["sqlite", "postgresql"]
    for backend in backends:
        if backend == "postgresql" and not asyncio.run(pg_reachable()):
            print(f"[postgresql] skipped: not reachable at {PG_ADMIN}")
            continue
        asyncio.run(backend_run(backend, args))
    print("\n| database | measurement | figure vs baseline | ratio, memory |\n|---|---|---|---|")
    for row in ROWS:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
