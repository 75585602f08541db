"""The SLA sweep (``touchstone jobs run complaints-sla``): every overdue order goes one level
up the tree per missed deadline (outlet → sub-branch → branch → head office), with a step,
an audit entry and a notice to the unit now handling it, queued in the outbox.

It works in batches, each its own unit of work, one deadline kind at a time, and is correct
without the runner's lock too (two sweeps started at once on hosts whose locks differ):
candidates are selected ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so a second sweep passes
over the orders the first is escalating, and the escalation is a conditional UPDATE that
marks the deadline as escalated in the same statement, so an order is escalated once per
deadline whoever gets there first. Re-running finds nothing left to do.

Before it escalates anything it re-dates the open orders counted by an older version of the
counting rule (a database upgraded across a change of the rule), so no order is escalated
on a due date the rule in force would not give it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import sqlalchemy as sa

from core.sdk import HookContext, JobContext, QueuedMessage
from plugins.complaints.access import where_enabled
from plugins.complaints.i18n import _
from plugins.complaints.journal import ENTITY
from plugins.complaints.lifecycle import OPEN_STATES
from plugins.complaints.models import Step, WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.redating import redate_stale

BATCH = 500
TOPIC = f"{NAME}.escalated"
Kind = Literal["first_contact", "decision"]


def overdue(kind: Kind, now: dt.datetime) -> sa.ColumnElement[bool]:
    """Orders whose ``kind`` deadline has passed unmet and was not escalated yet."""
    if kind == "first_contact":
        return sa.and_(
            WorkOrder.state == "received",
            WorkOrder.first_contact_due_at < now,
            WorkOrder.first_contact_escalated.is_(False),
        )
    return sa.and_(
        WorkOrder.state.in_(OPEN_STATES),
        WorkOrder.paused_since.is_(None),
        WorkOrder.decision_due_at < now,
        sa.or_(WorkOrder.decision_escalated_key.is_(None), WorkOrder.decision_escalated_key != WorkOrder.decision_key),
    )


async def escalate_batch(ctx: HookContext, kind: Kind, now: dt.datetime) -> tuple[int, int]:
    """Escalate up to :data:`BATCH` orders overdue on ``kind``; returns how many it looked at
    and how many it escalated."""
    candidates = (
        sa.select(WorkOrder.id, WorkOrder.handling_unit_id)
        .where(overdue(kind, now), await where_enabled(ctx, ctx.unit, WorkOrder.unit_id))  # type: ignore[arg-type]
        .order_by(WorkOrder.id)
        .limit(BATCH)
    )
    if ctx.session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    seen = dict((await ctx.session.execute(candidates)).all())
    if not seen:
        return 0, 0
    org = await ctx.org()
    moves = {
        order_id: (chain[-2].id if len(chain := org.ancestry(org.units[unit_id])) > 1 else unit_id)
        for order_id, unit_id in seen.items()
    }
    marker = (
        {WorkOrder.first_contact_escalated: True}
        if kind == "first_contact"
        else {WorkOrder.decision_escalated_key: WorkOrder.decision_key}
    )
    claimed = (
        await ctx.session.execute(
            sa.update(WorkOrder)
            .where(WorkOrder.id.in_(seen), overdue(kind, now))
            .values(
                {
                    WorkOrder.handling_unit_id: sa.case(moves, value=WorkOrder.id),
                    WorkOrder.breached_at: sa.func.coalesce(WorkOrder.breached_at, now),
                    **marker,
                }
            )
            .returning(
                WorkOrder.id,
                WorkOrder.public_id,
                WorkOrder.unit_id,
                WorkOrder.state,
                WorkOrder.decision_key,
                WorkOrder.first_contact_due_at,
                WorkOrder.decision_due_at,
                WorkOrder.category,
                WorkOrder.severity,
            )
            .execution_options(synchronize_session=False)
        )
    ).all()
    steps = []
    notices: list[QueuedMessage] = []
    for order_id, public_id, unit_id, state, decision_key, first_due, decision_due, category, severity in claimed:
        unit, before, after = org.units[unit_id], org.units[seen[order_id]], org.units[moves[order_id]]
        deadline = "first_contact" if kind == "first_contact" else decision_key
        facts = {
            "deadline": deadline,
            "due_at": (first_due if kind == "first_contact" else decision_due).isoformat(),
            "from": before.code,
            "to": after.code,
        }
        steps.append(
            {
                "order_id": order_id,
                "at": now,
                "actor": ctx.principal.label,
                "action": "escalated",
                "from_state": state,
                "to_state": state,
                "note": "",
                "details": facts,
            }
        )
        notices.append(
            QueuedMessage(
                TOPIC,
                f"complaints-escalated:{public_id}:{deadline}",
                {"order": public_id, "unit": unit.code, "category": category, "severity": severity, **facts},
                after,
            )
        )
        ctx.audit(
            entity=ENTITY,
            entity_id=public_id,
            action="escalated",
            unit=unit,
            after=facts,
            reason=f"deadline {deadline} missed",
        )
    if steps:  # one statement each for the batch's steps and notices; the audit entries flush with the commit
        await ctx.session.execute(sa.insert(Step), steps)
        await ctx.enqueue_many(notices)
    return len(seen), len(claimed)


async def sweep(job: JobContext) -> str:
    """The job: re-date what an older counting rule dated, then escalate every overdue order,
    first contacts first, batch by batch."""
    async with job.unit_of_work() as ctx:
        redated = await redate_stale(ctx, job.now)
    counts: dict[Kind, int] = {"first_contact": 0, "decision": 0}
    for kind in counts:
        while True:
            async with job.unit_of_work() as ctx:
                looked, done = await escalate_batch(ctx, kind, job.now)
            job.tally(examined=looked, changed=done)
            if not done:
                break
            counts[kind] += done
            job.progress(_("{count} orders escalated").format(count=sum(counts.values())))
    job.tally(changed=redated)
    summary = _("complaints-sla: {total} escalations ({first} first contact, {decision} decision)").format(
        total=sum(counts.values()), first=counts["first_contact"], decision=counts["decision"]
    )
    if not redated:
        return summary
    return _("{summary}; {count} open orders re-dated under the counting rule in force").format(
        summary=summary, count=redated
    )
