"""Recording service events: validate, evaluate against the standard in force, store, raise
nonconformities, fire the hooks — for one event or a batch, in one unit of work.

This is the hot path. Everything an item needs is looked up once per call: the tree and the
standards in force from the process caches (no query per event), the staff and clients named
in the batch with one query each. Rows go in with Core ``executemany``; a rejected item is
answered with its index and reasons and writes nothing, an accepted one is written whole.

Measurements are checked against the version in force before they are judged (its
:class:`~core.measurements.MeasurementSchema`, compiled with the standards snapshot): a key
no control reads or an impossible value rejects the item, naming ``measurements.<key>`` and
the rule. An item no standard judges is recorded and its answer says why (``judged`` false
and a ``reason``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import msgspec
import sqlalchemy as sa

from core.db.base import new_public_id
from core.i18n import _
from core.measurements import OPEN, MeasurementSchema
from core.models import Client, Nonconformity, ServiceEvent, Staff
from core.principal import Principal
from core.services.in_force import StandardsSnapshot, VersionInForce
from core.types import (
    CHANNELS,
    ControlKind,
    ControlResult,
    Moment,
    NonconformityRecord,
    ServiceEventRecord,
    UnitRef,
    channel_named,
)

if TYPE_CHECKING:
    from core.context import HookContext
    from core.plugins import OrgSnapshot

DUE = {"critical": dt.timedelta(days=1), "major": dt.timedelta(days=3), "minor": dt.timedelta(days=7)}
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
Scalar = str | int | float | bool | None
MeasurementKey = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Measurements = Annotated[dict[MeasurementKey, Scalar], msgspec.Meta(max_length=64)]
"""What was measured, by the metric each control of the standard in force reads."""


class EventIn(msgspec.Struct, forbid_unknown_fields=True):
    """One contact: which touchpoint, where, who, with whom, when, and what was measured."""

    touchpoint: str
    unit: str
    occurred_at: Moment
    measurements: Measurements = msgspec.field(default_factory=dict)
    staff: str | None = None
    client: str | None = None
    channel: str | None = None


class Problem(msgspec.Struct):
    field: str
    message: str


class Accepted(msgspec.Struct):
    index: int
    id: str
    outcome: str
    standard_version: int | None
    evaluation: list[ControlResult]
    nonconformities: list[str]
    judged: bool
    """Whether a control of the standard in force judged the event (``outcome`` pass or fail)."""
    reason: str | None = None
    """Why it was not judged: no standard in force there and then, or nothing it measures given."""


class Rejected(msgspec.Struct):
    index: int
    reasons: list[Problem]


def evaluate(
    controls: tuple[dict[str, Any], ...], measurements: dict[str, Any], kinds: dict[str, ControlKind]
) -> tuple[str, list[ControlResult]]:
    """Each control's verdict and the event's outcome (``fail`` if any control failed)."""
    results = []
    for control in controls:
        outcome = kinds[control["kind"]].evaluate(control, measurements)
        results.append(
            ControlResult(
                key=control["key"],
                name=control["name"],
                kind=control["kind"],
                passed=outcome.passed,
                measured=outcome.measured,
                expected=outcome.expected,
                unit=control.get("unit", ""),
                severity=control.get("severity", "minor"),
            )
        )
    verdicts = {r.passed for r in results}
    return ("fail" if False in verdicts else "pass" if True in verdicts else "none"), results


async def _lookup(ctx: HookContext, model: type, public_ids: set[str]) -> dict[str, tuple[int, int]]:
    public_ids = {p for p in public_ids if "\x00" not in p}  # no id holds NUL (PostgreSQL refuses it in text)
    if not public_ids:
        return {}
    rows = await ctx.session.execute(
        sa.select(model.public_id, model.id, model.unit_id).where(  # type: ignore[attr-defined]
            model.public_id.in_(public_ids)
        )
    )  # type: ignore[attr-defined]
    return {public_id: (row_id, unit_id) for public_id, row_id, unit_id in rows}


def _occurred(ctx: HookContext, item: EventIn) -> tuple[dt.datetime | None, Problem | None]:
    """The moment in UTC, or why there is none."""
    if item.occurred_at.tzinfo is None:
        return None, Problem("occurred_at", _("give a time zone (e.g. 2026-11-20T09:30:00+08:00)"))
    try:
        occurred = item.occurred_at.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00:00+08:00 lies before the first instant a datetime holds
        return None, Problem("occurred_at", _("lies outside the dates an event can have"))
    if occurred > ctx.now + FUTURE_TOLERANCE:
        return None, Problem("occurred_at", _("lies in the future"))
    return occurred, None


def _check(
    ctx: HookContext,
    item: EventIn,
    org: OrgSnapshot,
    std: StandardsSnapshot,
    staff: dict[str, tuple[int, int]],
    clients: dict[str, tuple[int, int]],
) -> tuple[list[Problem], UnitRef | None, dt.datetime | None]:
    problems = []
    unit = org.by_code.get(item.unit)
    if unit is None or not ctx.principal.sees(unit):
        problems.append(Problem("unit", _("no unit '{unit}' in your organisation scope").format(unit=item.unit)))
        unit = None
    if item.touchpoint not in std.touchpoints:
        problems.append(Problem("touchpoint", _("no touchpoint '{code}'").format(code=item.touchpoint)))
    occurred, problem = _occurred(ctx, item)
    if problem:
        problems.append(problem)
    if item.channel is not None:
        item.channel = channel_named(item.channel)
        if item.channel not in CHANNELS:
            problems.append(Problem("channel", _("must be one of {choices}").format(choices=", ".join(CHANNELS))))
    if item.staff is not None:
        found = staff.get(item.staff)
        if found is None or (unit and not unit.path.startswith(org.units[found[1]].path)):
            problems.append(
                Problem(
                    "staff", _("no staff member '{id}' serving unit '{unit}'").format(id=item.staff, unit=item.unit)
                )
            )
    if item.client is not None:
        found = clients.get(item.client)
        if found is None or not ctx.principal.sees(org.units[found[1]]):
            problems.append(Problem("client", _("no client '{id}' in your organisation scope").format(id=item.client)))
    return problems, unit, occurred


def _unjudged(item: EventIn, version: VersionInForce | None, schema: MeasurementSchema, outcome: str) -> str | None:
    """Why no control judged the event (``None`` when one did)."""
    if version is None:
        return f"no standard in force for {item.touchpoint} at {item.unit} on {item.occurred_at.isoformat()}"
    if outcome != "none":
        return None
    if not schema.reads:
        return f"{schema.label} has no control judged per event"
    return f"none of what {schema.label} measures was given ({', '.join(schema.reads)})"


async def record(
    ctx: HookContext, items: list[EventIn], principals: list[Principal] | None = None, *, drop_unread: bool = False
) -> tuple[list[Accepted], list[Rejected]]:
    """Store every valid item (evaluated, with its nonconformities); reject the others.

    ``principals`` (one per item) lets one unit of work carry the events of several callers,
    as group commit does; each item is checked against, recorded by and announced as its own
    caller. By default every item is ``ctx.principal``'s.

    A measurement no control of the version in force reads rejects its item, as a typo in a
    key would; with ``drop_unread`` it is left out instead. That is for measurements a plugin
    computes itself for the standard it proposes, which the bank may have adapted since:
    values a person typed are always checked whole.
    """
    acting = _contexts(ctx, principals) if principals else [ctx] * len(items)
    org = await ctx.plugins.snapshot(ctx.session)
    std = await ctx.plugins.standards.snapshot(ctx.session)
    kinds = ctx.plugins.control_kinds
    staff = await _lookup(ctx, Staff, {i.staff for i in items if i.staff})
    clients = await _lookup(ctx, Client, {i.client for i in items if i.client})
    now = ctx.now
    accepted: list[Accepted] = []
    rejected: list[Rejected] = []
    rows: list[dict[str, Any]] = []
    units: list[UnitRef] = []
    for index, item in enumerate(items):
        problems, unit, occurred = _check(acting[index], item, org, std, staff, clients)
        tp = std.touchpoints.get(item.touchpoint)
        version = std.in_force(tp.id, unit, occurred, org) if tp and unit and occurred else None
        schema = version.schema if version else OPEN
        measurements = schema.read_from(item.measurements) if drop_unread else item.measurements
        problems += [Problem(field, message) for field, message in schema.problems(measurements)]
        if problems:
            rejected.append(Rejected(index=index, reasons=problems))
            continue
        assert tp is not None and unit is not None and occurred is not None
        outcome, results = evaluate(version.controls if version else (), measurements, kinds)
        public_id = new_public_id("ev")
        rows.append(
            {
                "public_id": public_id,
                "touchpoint_id": tp.id,
                "version_id": version.id if version else None,
                "unit_id": unit.id,
                "staff_id": staff[item.staff][0] if item.staff else None,
                "client_id": clients[item.client][0] if item.client else None,
                "occurred_at": occurred,
                "recorded_at": now,
                "channel": item.channel or tp.channel,
                "measurements": measurements,
                "outcome": outcome,
                "evaluation": msgspec.to_builtins(results),
                "recorded_by": acting[index].principal.label,
            }
        )
        units.append(unit)
        reason = _unjudged(item, version, schema, outcome)
        accepted.append(
            Accepted(
                index=index,
                id=public_id,
                outcome=outcome,
                standard_version=version.number if version else None,
                evaluation=results,
                nonconformities=[],
                judged=reason is None,
                reason=reason,
            )
        )
    if rows:
        await _store(ctx, rows, accepted, units, items, acting)
    return accepted, rejected


def _contexts(ctx: HookContext, principals: list[Principal]) -> list[HookContext]:
    """One context per item, shared by items of the same caller."""
    by_caller: dict[str, HookContext] = {}
    return [by_caller.setdefault(p.label, ctx.acting_as(p)) for p in principals]


async def _store(
    ctx: HookContext,
    rows: list[dict[str, Any]],
    accepted: list[Accepted],
    units: list[UnitRef],
    items: list[EventIn],
    acting: list[HookContext],
) -> None:
    table = ServiceEvent.__table__
    ids = dict(
        (
            await ctx.session.execute(  # batched INSERT … RETURNING, matched back by public id
                sa.insert(table).returning(table.c.public_id, table.c.id), rows
            )
        ).all()
    )
    ncs: list[dict[str, Any]] = []
    raised: list[tuple[int, NonconformityRecord]] = []
    for row, answer, unit in zip(rows, accepted, units, strict=True):
        item = items[answer.index]
        event_id = ids.get(row["public_id"])
        for result in answer.evaluation:
            if result.passed is False:
                nc_id = new_public_id("nc")
                answer.nonconformities.append(nc_id)
                due = ctx.now + DUE[result.severity]
                ncs.append(
                    {
                        "public_id": nc_id,
                        "event_id": event_id,
                        "unit_id": row["unit_id"],
                        "touchpoint_id": row["touchpoint_id"],
                        "version_id": row["version_id"],
                        "staff_id": row["staff_id"],
                        "control_key": result.key,
                        "control_name": result.name,
                        "severity": result.severity,
                        "measured": result.measured,
                        "expected": result.expected,
                        "status": "open",
                        "raised_at": ctx.now,
                        "due_at": due,
                    }
                )
                raised.append(
                    (
                        answer.index,
                        NonconformityRecord(
                            id=nc_id,
                            event_id=answer.id,
                            touchpoint=item.touchpoint,
                            unit=unit,
                            control=result,
                            raised_at=ctx.now,
                            due_at=due,
                            staff_id=item.staff,
                        ),
                    )
                )
    if ncs:
        await ctx.session.execute(sa.insert(Nonconformity.__table__), ncs)
    listening = {u.id: await ctx.plugins.listens("service_event_recorded", ctx.session, u) for u in set(units)}
    for row, answer, unit in zip(rows, accepted, units, strict=True):
        if not listening[unit.id]:
            continue
        item = items[answer.index]
        record = ServiceEventRecord(
            id=answer.id,
            touchpoint=item.touchpoint,
            unit=unit,
            occurred_at=row["occurred_at"],
            channel=row["channel"],
            measurements=row["measurements"],
            outcome=answer.outcome,
            standard_version=answer.standard_version,
            staff_id=item.staff,
            client_id=item.client,
        )
        await ctx.plugins.call(
            "service_event_recorded", acting[answer.index], unit, event=record, evaluation=answer.evaluation
        )
    for index, nc in raised:
        await ctx.plugins.call("nonconformity_raised", acting[index], nc.unit, nonconformity=nc)
