"""Set-based data for the benchmarks: a network of 2,000 outlets, 20 touchpoints with a
published standard, a million clients, five million events, and the bundled plugins' work
orders, perks and rules, generated inside the database (``generate_series`` on PostgreSQL, a
recursive CTE on SQLite), never row by row in Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from plugins.complaints.calendar import COUNTING_RULE

OUTLETS = 2000
TOUCHPOINTS = 20
SUBS = 100
BRANCHES = 10
QUARTER_START = dt.datetime(2026, 6, 30, 16, 0, tzinfo=dt.UTC)  # 1 July 2026, 00:00 Beijing time
CONTROLS = (
    '[{"key": "wait", "name": "等候时间", "kind": "compare", "metric": "wait_minutes", "comparator": "<=", '
    '"threshold": 15, "unit": "min", "severity": "major"}, {"key": "log", "name": "服务日志", "kind": "boolean", '
    '"metric": "service_log_written", "threshold": true}]'
)


def numbers(dialect: str, n: int) -> str:
    if dialect == "postgresql":
        return f"(SELECT generate_series(1, {n}) AS i) AS n"
    return f"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s) AS n"


def ts(dialect: str, seconds_expr: str, since: dt.datetime = QUARTER_START) -> str:
    """The instant ``seconds_expr`` seconds after ``since`` (UTC), as each database stores it."""
    start = since.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat(sep=" ")
    if dialect == "postgresql":
        return f"(TIMESTAMPTZ '{start}+00' + ({seconds_expr}) * interval '1 second')"
    return f"datetime('{start}', '+' || ({seconds_expr}) || ' seconds')"


def rand(dialect: str, modulo: int) -> str:
    return f"floor(random() * {modulo})::int" if dialect == "postgresql" else f"(abs(random()) % {modulo})"


async def network(engine: AsyncEngine) -> None:
    """HO (id 1), 10 branches, 100 sub-branches, 2,000 outlets, with explicit ids and paths."""
    d = engine.dialect.name
    concat = "||"
    async with engine.begin() as c:
        now = "CURRENT_TIMESTAMP"
        await c.execute(
            sa.text(
                f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) "
                f"VALUES (1, 'HO', '总行', 'head_office', NULL, '/1/', {now})"
            )
        )
        await c.execute(
            sa.text(
                f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) SELECT 1 + i, 'B' {concat} i, "
                f"'分行' {concat} i, 'branch', 1, '/1/' {concat} (1 + i) {concat} '/', {now} FROM {numbers(d, BRANCHES)}"
            )
        )
        await c.execute(
            sa.text(
                f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) SELECT 100 + i, 'S' {concat} i, "
                f"'支行' {concat} i, 'sub_branch', 2 + (i - 1) % {BRANCHES}, "
                f"'/1/' {concat} (2 + (i - 1) % {BRANCHES}) {concat} '/' {concat} (100 + i) {concat} '/', {now} "
                f"FROM {numbers(d, SUBS)}"
            )
        )
        await c.execute(
            sa.text(
                f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) SELECT 1000 + i, 'O' {concat} i, "
                f"'网点' {concat} i, 'outlet', 101 + (i - 1) % {SUBS}, "
                f"'/1/' {concat} (2 + ((i - 1) % {SUBS}) % {BRANCHES}) {concat} '/' {concat} (101 + (i - 1) % {SUBS}) "
                f"{concat} '/' {concat} (1000 + i) {concat} '/', {now} FROM {numbers(d, OUTLETS)}"
            )
        )
        if d == "postgresql":
            await c.execute(sa.text("SELECT setval('org_unit_id_seq', 5000)"))
        await c.execute(sa.text("UPDATE cache_generation SET value = value + 1 WHERE name = 'org'"))


async def standards(engine: AsyncEngine, published_at: dt.datetime) -> None:
    d = engine.dialect.name
    controls = f"CAST('{CONTROLS}' AS JSONB)" if d == "postgresql" else f"'{CONTROLS}'"
    empty = "CAST('{}' AS JSONB)" if d == "postgresql" else "'{}'"
    at = published_at.replace(tzinfo=None).isoformat(sep=" ")
    async with engine.begin() as c:
        await c.execute(
            sa.text(
                f"INSERT INTO touchpoint (id, code, name, channel, description, owner, created_at) SELECT i, 'tp' || i, "
                f"'接触点' || i, 'branch', '', 'bank', CURRENT_TIMESTAMP FROM {numbers(d, TOUCHPOINTS)}"
            )
        )
        await c.execute(
            sa.text(
                f"INSERT INTO standard_version (id, public_id, touchpoint_id, number, status, title, outputs, inputs, "
                f"controls, note, created_at, created_by, published_at) SELECT i, 'sv_bench' || i, i, 1, 'published', "
                f"'标准' || i, {empty}, {empty}, {controls}, '', '{at}', 'bench', '{at}' FROM {numbers(d, TOUCHPOINTS)}"
            )
        )
        if d == "postgresql":
            await c.execute(sa.text("SELECT setval('touchpoint_id_seq', 100)"))
            await c.execute(sa.text("SELECT setval('standard_version_id_seq', 100)"))
        await c.execute(
            sa.text(
                "INSERT INTO cache_generation (name, value) VALUES ('standards', 1) "
                "ON CONFLICT (name) DO UPDATE SET value = cache_generation.value + 1"
            )
        )


def birthday(dialect: str, i: str) -> str:
    """A date of birth from 1950 to 2004, spread evenly over the days of the year."""
    days = f"CAST(CAST({i} AS BIGINT) * 7919 % 20000 AS INTEGER)"
    if dialect == "postgresql":
        return f"(DATE '1950-01-01' + {days})"
    return f"date('1950-01-01', '+' || {days} || ' days')"


async def clients(engine: AsyncEngine, n: int) -> None:
    d = engine.dialect.name
    async with bulk(engine, "client") as loader, loader.begin() as c:
        await c.execute(
            sa.text(
                f"INSERT INTO client (public_id, kind, name, phone, birthday, unit_id, assets_under_management, state, "
                f"created_at, updated_at) "
                f"SELECT 'cl_b' || i, 'retail', '客户' || i, '138' || (10000000 + i), {birthday(d, 'i')}, "
                f"1001 + i % {OUTLETS}, CAST(exp(random() * 0 + {rand(d, 1600)} / 100.0) * 1000 AS BIGINT), 'active', "
                f"CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM {numbers(d, n)}"
            )
        )


async def _indexes(c: AsyncConnection, table: str) -> list[tuple[str, str]]:
    """The secondary indexes of ``table`` as the migrations made them (name, definition);
    a unique constraint's index stays, as does the primary key."""
    if c.dialect.name == "postgresql":
        query = (
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = :t AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)"
        )
    else:
        query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
    return [(name, sql) for name, sql in (await c.execute(sa.text(query), {"t": table})).all()]


@asynccontextmanager
async def bulk(engine: AsyncEngine, table: str) -> AsyncIterator[AsyncEngine]:
    """Load a large table faster, as a restore would: its secondary indexes dropped during
    the load and built again after it from their own definitions (sorting once beats millions
    of random insertions), through a connection with a large page cache on SQLite."""
    loader = engine
    if engine.dialect.name == "sqlite":
        loader = create_async_engine(engine.url, connect_args={"timeout": 30})

        @event.listens_for(loader.sync_engine, "connect")
        def large_cache(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.execute("PRAGMA cache_size = -524288")

    async with loader.begin() as c:
        indexes = await _indexes(c, table)
        for name, _ in indexes:
            await c.execute(sa.text(f"DROP INDEX {name}"))
    try:
        yield loader
    finally:
        async with loader.begin() as c:
            for _, definition in indexes:
                await c.execute(sa.text(definition))
        if loader is not engine:
            await loader.dispose()


async def events(engine: AsyncEngine, n: int) -> None:
    """``n`` events over the quarter, 2,000 outlets × 20 touchpoints, ~8% failing."""
    d = engine.dialect.name
    empty_obj = "CAST('{}' AS JSONB)" if d == "postgresql" else "'{}'"
    empty_arr = "CAST('[]' AS JSONB)" if d == "postgresql" else "'[]'"
    chunk = 1_000_000
    async with bulk(engine, "service_event") as loader:
        for offset in range(0, n, chunk):
            size = min(chunk, n - offset)
            async with loader.begin() as c:
                await c.execute(
                    sa.text(
                        f"INSERT INTO service_event (public_id, touchpoint_id, version_id, unit_id, occurred_at, recorded_at, "
                        f"channel, measurements, outcome, evaluation, recorded_by) "
                        f"SELECT 'ev_b' || ({offset} + i), 1 + i % {TOUCHPOINTS}, 1 + i % {TOUCHPOINTS}, "
                        f"1001 + (i / {TOUCHPOINTS}) % {OUTLETS}, {ts(d, f'{rand(d, 91 * 86400)}')}, CURRENT_TIMESTAMP, "
                        f"'branch', {empty_obj}, CASE WHEN {rand(d, 100)} < 8 THEN 'fail' ELSE 'pass' END, {empty_arr}, "
                        f"'bench' FROM {numbers(d, size)}"
                    )
                )


# --- the bundled plugins -------------------------------------------------------------------

B1 = 2
"""Branch B1 (id 2): 10 sub-branches, 200 outlets, a tenth of the clients; outlet O1 (id 1001) is in it."""
CATEGORIES = ("service_attitude", "waiting_time", "fees", "mis_selling", "system_failure", "privacy", "other")
CHANNELS = ("counter", "lobby", "phone", "e_banking", "letter")
SEVERITIES = ("low", "medium", "high")
REDEMPTION_PERK, BIRTHDAY_PERK = "bench_lounge", "birthday_cake"


def pick(expr: str, values: tuple[str, ...]) -> str:
    return (
        "CASE "
        + " ".join(f"WHEN {expr} = {k} THEN '{v}'" for k, v in enumerate(values[:-1]))
        + f" ELSE '{values[-1]}' END"
    )


def plus(dialect: str, instant: str, seconds_expr: str) -> str:
    if dialect == "postgresql":
        return f"({instant} + ({seconds_expr}) * interval '1 second')"
    return f"datetime({instant}, '+' || ({seconds_expr}) || ' seconds')"


async def switch(engine: AsyncEngine, plugin: str, unit_id: int, enabled: bool | None) -> None:
    """Switch ``plugin`` on or off at a unit (None: clear the switch), bumping the generation
    every process checks, as the enablement service does."""
    async with engine.begin() as c:
        await c.execute(
            sa.text("DELETE FROM plugin_enablement WHERE unit_id = :u AND plugin = :p"), {"u": unit_id, "p": plugin}
        )
        if enabled is not None:
            await c.execute(
                sa.text(
                    "INSERT INTO plugin_enablement (unit_id, plugin, enabled, changed_at, changed_by, reason) "
                    "VALUES (:u, :p, :e, CURRENT_TIMESTAMP, 'bench', 'bench')"
                ),
                {"u": unit_id, "p": plugin, "e": enabled},
            )
        await c.execute(sa.text("UPDATE cache_generation SET value = value + 1 WHERE name = 'org'"))


async def work_orders(engine: AsyncEngine, n: int, *, overdue_at: dt.datetime | None = None) -> None:
    """``n`` complaint work orders over the 2,000 outlets, category, channel and severity
    spread evenly. By default answered ones received over the quarter (nine in ten closed, the
    rest replied; a third justified, one in 25 reopened, first contact within two days and
    resolution within three weeks, breached when first contact took over a day); with
    ``overdue_at``, orders received 3 to 4 days before it and never acknowledged, so their
    first-contact deadline (a day) has passed while the decision (15 days) is still running."""
    d = engine.dialect.name
    empty = "CAST('[]' AS JSONB)" if d == "postgresql" else "'[]'"
    day = 86400
    if overdue_at is None:
        prefix, received = "co_r", ts(d, rand(d, 91 * day))
        draws = f"{rand(d, 2 * day)} AS fc, {rand(d, 20 * day)} AS res, {rand(d, 100)} AS r"
    else:
        prefix, received = "co_o", ts(d, f"i % {day}", overdue_at - dt.timedelta(days=4))
        draws = "0 AS fc, 0 AS res, 0 AS r"
    answered = overdue_at is None
    fc_at, resolved_at = plus(d, "received", "fc"), plus(d, "received", "fc + res")
    replied_at = plus(d, "received", f"fc + res + {3600}")
    values = {
        "public_id": f"'{prefix}' || i",
        "unit_id": f"1001 + i % {OUTLETS}",
        "handling_unit_id": f"1001 + i % {OUTLETS}",
        "channel": pick(f"(i / {OUTLETS}) % {len(CHANNELS)}", CHANNELS),
        "category": pick(f"(i / {OUTLETS}) % {len(CATEGORIES)}", CATEGORIES),
        "severity": pick(f"i % {len(SEVERITIES)}", SEVERITIES),
        "serious": "FALSE",
        "content": "''",
        "attachments": empty,
        "region": "'CN'",
        "state": "CASE WHEN r < 90 THEN 'closed' ELSE 'replied' END" if answered else "'received'",
        "received_at": "received",
        "registered_at": "received",
        "registered_by": "'bench'",
        "clock_started_at": "received",
        "paused_seconds": "0",
        "round": "CASE WHEN r % 25 = 0 THEN 1 ELSE 0 END" if answered else "0",
        "extension_level": "0",
        "first_contact_due_at": plus(d, "received", str(day)),
        "decision_due_at": plus(d, "received", str(15 * day)),
        "decision_key": "'decision@0'",
        "next_due_at": "NULL" if answered else plus(d, "received", str(day)),
        "counting_rule": str(COUNTING_RULE),  # dated as the rule in force dates them: the sweep re-dates none
        "first_contact_escalated": f"fc > {day}" if answered else "FALSE",
        "breached_at": f"CASE WHEN fc > {day} THEN {plus(d, 'received', str(day))} END" if answered else "NULL",
        "first_contact_at": fc_at if answered else "NULL",
        "first_contact_seconds": "fc" if answered else "NULL",
        "resolved_at": resolved_at if answered else "NULL",
        "resolution_seconds": "fc + res" if answered else "NULL",
        "replied_at": replied_at if answered else "NULL",
        "closed_at": f"CASE WHEN r < 90 THEN {plus(d, 'received', f'fc + res + {2 * day}')} END"
        if answered
        else "NULL",
        "justified": "r % 3 = 0" if answered else "NULL",
        "apology_given": "r % 3 = 0" if answered else "NULL",
    }
    chunk = 500_000
    async with engine.begin() as c:
        for offset in range(0, n, chunk):
            await c.execute(
                sa.text(
                    f"INSERT INTO complaints_order ({', '.join(values)}) SELECT {', '.join(values.values())} "
                    f"FROM (SELECT {offset} + i AS i, {received} AS received, {draws} "
                    f"FROM {numbers(d, min(chunk, n - offset))}) AS drawn"
                )
            )


async def perks(engine: AsyncEngine) -> None:
    """The perk redeemed through the API (quota for the gold tier set at B1, large enough never to
    run out) and the birthday perk (gold and private banking, set at head office)."""
    async with engine.begin() as c:
        await c.execute(
            sa.text(
                "INSERT INTO vip_benefits_perk (code, name, description, provider, fulfilment, unit_cost, "
                "cancel_window_hours, created_at, updated_at) VALUES "
                f"('{REDEMPTION_PERK}', '贵宾厅', '', 'bank', 'on_the_spot', 18000, 24, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
                f"('{BIRTHDAY_PERK}', '生日蛋糕', '', 'bank', 'on_the_spot', 20000, 24, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        for perk, unit, tiers, quota in (
            (REDEMPTION_PERK, B1, ("gold",), 10_000_000),
            (BIRTHDAY_PERK, 1, ("gold", "private_banking"), 1),
        ):
            for tier in tiers:
                await c.execute(
                    sa.text(
                        "INSERT INTO vip_benefits_entitlement (unit_id, perk_id, tier, quota, period, companions, changed_at, "
                        f"changed_by) SELECT {unit}, id, '{tier}', {quota}, 'calendar_year', 2, CURRENT_TIMESTAMP, 'bench' "
                        f"FROM vip_benefits_perk WHERE code = '{perk}'"
                    )
                )


async def gold_clients(engine: AsyncEngine, n: int, unit_id: int = 1001) -> None:
    """``n`` gold clients of one outlet (``cl_v1`` …), already in the tier their assets give,
    without a birthday (the birthday job's clients are :func:`clients`)."""
    d = engine.dialect.name
    async with engine.begin() as c:
        await c.execute(
            sa.text(
                f"INSERT INTO client (public_id, kind, name, unit_id, assets_under_management, tier, state, created_at, "
                f"updated_at) SELECT 'cl_v' || i, 'retail', '贵宾' || i, {unit_id}, 100000000, 'gold', 'active', "
                f"CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM {numbers(d, n)}"
            )
        )
