"""The app under benchmark, plus the baseline the brief asks for *in the same server*: an
endpoint that decodes the same body, inserts one row with SQLAlchemy Core and commits,
through the same engine and pool, with no authentication, evaluation or hooks."""

from __future__ import annotations

import sqlalchemy as sa
from litestar import Litestar, post
from litestar.datastructures import State

from core.api.app import create_app
from core.services.events import EventIn

BASELINE = sa.table(
    "bench_baseline",
    sa.column("touchpoint"),
    sa.column("unit"),
    sa.column("occurred_at"),
    sa.column("staff"),
    sa.column("client"),
    sa.column("channel"),
    sa.column("measurements"),
)
BASELINE_DDL = (
    "CREATE TABLE IF NOT EXISTS bench_baseline (id {pk}, touchpoint VARCHAR(64), unit VARCHAR(32), "
    "occurred_at VARCHAR(40), staff VARCHAR(40), client VARCHAR(40), channel VARCHAR(16), "
    "measurements TEXT)"
)


@post("/bench/baseline", opt={"exclude_from_auth": True}, status_code=201)
async def baseline(state: State, data: EventIn) -> dict[str, str]:
    async with state.db.engine.begin() as conn:
        await conn.execute(
            BASELINE.insert().values(
                touchpoint=data.touchpoint,
                unit=data.unit,
                occurred_at=data.occurred_at.isoformat(),
                staff=data.staff,
                client=data.client,
                channel=data.channel,
                measurements=str(data.measurements),
            )
        )
    return {"touchpoint": data.touchpoint}


def create_bench_app() -> Litestar:
    app = create_app()
    app.register(baseline)
    return app
