"""``touchstone jobs run`` piped (no terminal): plain progress lines, no bar, then the summary
table (job, rows examined, rows changed, duration, outcome) in Chinese, or in English when
asked; ``--dry-run`` says it rolled back and records no run; ``jobs list --json`` has keys that
no language changes."""

from __future__ import annotations

import asyncio
import json

import sqlalchemy as sa

from core.db.engine import Database, create_engine
from core.models import JobRun


def runs(database_url: str) -> int:
    """The job runs recorded (the CLI runs its own event loop, so the test has none)."""

    async def count() -> int:
        db = Database(create_engine(database_url))
        async with db.unit_of_work(readonly=True) as session:
            found = (await session.execute(sa.select(sa.func.count()).select_from(JobRun))).scalar_one()
        await db.dispose()
        return found

    return asyncio.run(count())


def test_a_dry_run_prints_the_table_says_it_rolled_back_and_records_nothing(cli, database_url: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo", "--clients", "50").exit_code == 0
    result = cli("jobs", "run", "retier", "outbox", "--dry-run")
    assert result.exit_code == 0, result.output
    for heading in ("任务", "检查行数", "变更行数", "耗时", "结果"):
        assert heading in result.output
    assert "retier：已开始" in result.output and "\r" not in result.output  # lines, not a bar
    assert result.output.count("演练，已回滚") == 2
    assert "演练：以上操作均已回滚，未写入、未发送任何内容。" in result.output
    assert runs(database_url) == 0


def test_a_real_run_in_english_is_recorded(cli, database_url: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo", "--clients", "50").exit_code == 0
    result = cli("--lang", "en", "jobs", "run", "retier")
    assert result.exit_code == 0, result.output
    assert "rows examined" in result.output and "succeeded" in result.output
    assert "retier: 0 clients changed tier" in result.output
    assert runs(database_url) == 1


def test_jobs_list_json_keeps_its_keys_in_every_language(cli) -> None:  # type: ignore[no-untyped-def]
    chinese = json.loads(cli("jobs", "list", "--json").output)
    english = json.loads(cli("--lang", "en", "jobs", "list", "--json").output)
    assert [sorted(job) for job in chinese] == [["description", "name"]] * len(chinese)
    assert [job["name"] for job in chinese] == [job["name"] for job in english]
    assert {"archive-purge", "retier", "outbox", "complaints-sla"} <= {job["name"] for job in chinese}
    assert chinese != english  # the descriptions are text for people, in the language asked for
