"""The demo's service history and the benchmark's events are valid measurements: every
event measures only what the version judging it reads, with possible values, so both still
record (and the bench still measures recording) under the checks."""

from __future__ import annotations

import json

import sqlalchemy as sa

from bench import data
from bench.__main__ import event_body
from core.controls import CORE_CONTROL_KINDS
from core.demo import load_network, load_service_history
from core.measurements import MeasurementSchema
from core.models import ServiceEvent, StandardVersion
from core.services.events import evaluate

KINDS = {kind.name: kind for kind in CORE_CONTROL_KINDS}


def test_the_bench_events_are_valid_and_judged() -> None:
    controls = json.loads(data.CONTROLS)
    schema = MeasurementSchema.compile("tp version 1", controls, KINDS)
    bodies = [event_body(i)["measurements"] for i in range(300)]
    assert [m for m in bodies if schema.problems(m)] == []
    outcomes = {evaluate(tuple(controls), m, KINDS)[0] for m in bodies}
    assert outcomes == {"pass", "fail"}


async def test_every_demo_event_measures_what_its_version_reads(db, clock) -> None:  # type: ignore[no-untyped-def]
    await load_network(db, clock, clients=30)
    clock.advance(days=50)
    await load_service_history(db, clock, days=50, scale=0.1)
    async with db.unit_of_work(readonly=True) as session:
        schemas = {
            v.id: MeasurementSchema.compile(f"version {v.id}", v.controls, KINDS)
            for v in (await session.execute(sa.select(StandardVersion))).scalars()
        }
        events = (
            await session.execute(sa.select(ServiceEvent.version_id, ServiceEvent.measurements, ServiceEvent.outcome))
        ).all()
    assert len(events) > 1000
    assert [(v, m) for v, m, _ in events if schemas[v].problems(m)] == []
    assert {outcome for *_, outcome in events} == {"pass", "fail"}
    assert all(set(m) == set(schemas[v].reads) for v, m, _ in events)  # and everything it reads
