"""Set-based data for the benchmarks: a network of 2,000 outlets, 20 touchpoints with a
published standard, a million clients, five million events, generated inside the database
(``generate_series`` on PostgreSQL, a recursive CTE on SQLite), never row by row in Python."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

OUTLETS = 2000
TOUCHPOINTS = 20
SUBS = 100
BRANCHES = 10
QUARTER_START = dt.datetime(2026, 6, 30, 16, 0, tzinfo=dt.UTC)  # 1 July 2026, 00:00 Beijing time
CONTROLS = ('[{"key": "wait", "name": "等候时间", "kind": "compare", "metric": "wait_minutes", "comparator": "<=", '
            '"threshold": 15, "unit": "min", "severity": "major"}, {"key": "log", "name": "服务日志", "kind": "boolean", '
            '"metric": "service_log_written", "threshold": true}]')


def numbers(dialect: str, n: int) -> str:
    if dialect == "postgresql":
        return f"(SELECT generate_series(1, {n}) AS i) AS n"
    return f"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s) AS n"


def ts(dialect: str, seconds_expr: str) -> str:
    start = QUARTER_START.replace(tzinfo=None).isoformat(sep=" ")
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
        await c.execute(sa.text(f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) "
                                f"VALUES (1, 'HO', '总行', 'head_office', NULL, '/1/', {now})"))
        await c.execute(sa.text(
            f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) SELECT 1 + i, 'B' {concat} i, "
            f"'分行' {concat} i, 'branch', 1, '/1/' {concat} (1 + i) {concat} '/', {now} FROM {numbers(d, BRANCHES)}"))
        await c.execute(sa.text(
            f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) SELECT 100 + i, 'S' {concat} i, "
            f"'支行' {concat} i, 'sub_branch', 2 + (i - 1) % {BRANCHES}, "
            f"'/1/' {concat} (2 + (i - 1) % {BRANCHES}) {concat} '/' {concat} (100 + i) {concat} '/', {now} "
            f"FROM {numbers(d, SUBS)}"))
        await c.execute(sa.text(
            f"INSERT INTO org_unit (id, code, name, level, parent_id, path, created_at) SELECT 1000 + i, 'O' {concat} i, "
            f"'网点' {concat} i, 'outlet', 101 + (i - 1) % {SUBS}, "
            f"'/1/' {concat} (2 + ((i - 1) % {SUBS}) % {BRANCHES}) {concat} '/' {concat} (101 + (i - 1) % {SUBS}) "
            f"{concat} '/' {concat} (1000 + i) {concat} '/', {now} FROM {numbers(d, OUTLETS)}"))
        if d == "postgresql":
            await c.execute(sa.text("SELECT setval('org_unit_id_seq', 5000)"))
        await c.execute(sa.text("UPDATE cache_generation SET value = value + 1 WHERE name = 'org'"))


async def standards(engine: AsyncEngine, published_at: dt.datetime) -> None:
    d = engine.dialect.name
    controls = f"CAST('{CONTROLS}' AS JSONB)" if d == "postgresql" else f"'{CONTROLS}'"
    empty = "CAST('{}' AS JSONB)" if d == "postgresql" else "'{}'"
    at = published_at.replace(tzinfo=None).isoformat(sep=" ")
    async with engine.begin() as c:
        await c.execute(sa.text(
            f"INSERT INTO touchpoint (id, code, name, channel, description, owner, created_at) SELECT i, 'tp' || i, "
            f"'接触点' || i, 'branch', '', 'bank', CURRENT_TIMESTAMP FROM {numbers(d, TOUCHPOINTS)}"))
        await c.execute(sa.text(
            f"INSERT INTO standard_version (id, public_id, touchpoint_id, number, status, title, outputs, inputs, "
            f"controls, note, created_at, created_by, published_at) SELECT i, 'sv_bench' || i, i, 1, 'published', "
            f"'标准' || i, {empty}, {empty}, {controls}, '', '{at}', 'bench', '{at}' FROM {numbers(d, TOUCHPOINTS)}"))
        if d == "postgresql":
            await c.execute(sa.text("SELECT setval('touchpoint_id_seq', 100)"))
            await c.execute(sa.text("SELECT setval('standard_version_id_seq', 100)"))
        await c.execute(sa.text("INSERT INTO cache_generation (name, value) VALUES ('standards', 1) "
                                "ON CONFLICT (name) DO UPDATE SET value = cache_generation.value + 1"))


async def clients(engine: AsyncEngine, n: int) -> None:
    d = engine.dialect.name
    async with engine.begin() as c:
        await c.execute(sa.text(
            f"INSERT INTO client (public_id, kind, name, unit_id, assets_under_management, state, created_at, updated_at) "
            f"SELECT 'cl_b' || i, 'retail', '客户' || i, 1001 + i % {OUTLETS}, "
            f"CAST(exp(random() * 0 + {rand(d, 1600)} / 100.0) * 1000 AS BIGINT), 'active', "
            f"CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM {numbers(d, n)}"))


async def events(engine: AsyncEngine, n: int) -> None:
    """``n`` events over the quarter, 2,000 outlets × 20 touchpoints, ~8% failing."""
    d = engine.dialect.name
    empty_obj = "CAST('{}' AS JSONB)" if d == "postgresql" else "'{}'"
    empty_arr = "CAST('[]' AS JSONB)" if d == "postgresql" else "'[]'"
    chunk = 1_000_000
    for offset in range(0, n, chunk):
        size = min(chunk, n - offset)
        async with engine.begin() as c:
            await c.execute(sa.text(
                f"INSERT INTO service_event (public_id, touchpoint_id, version_id, unit_id, occurred_at, recorded_at, "
                f"channel, measurements, outcome, evaluation, recorded_by) "
                f"SELECT 'ev_b' || ({offset} + i), 1 + i % {TOUCHPOINTS}, 1 + i % {TOUCHPOINTS}, "
                f"1001 + (i / {TOUCHPOINTS}) % {OUTLETS}, {ts(d, f'{rand(d, 91 * 86400)}')}, CURRENT_TIMESTAMP, 'branch', "
                f"{empty_obj}, CASE WHEN {rand(d, 100)} < 8 THEN 'fail' ELSE 'pass' END, {empty_arr}, 'bench' "
                f"FROM {numbers(d, size)}"))
