"""Client care: the birthday job and the care tasks it opens.

``touchstone jobs run vip-birthdays`` finds, set-based and in batches, the clients whose
birthday falls in the next N days (N per unit; dates in China Standard Time, 29 February
kept on the 28th outside leap years, January's birthdays seen from December belonging to next
year) and who are entitled to the birthday perk (by their tier, or by the tier they left
while a downgrade's grace lasts), at units where the programme is on. It opens one care task
per client and year (a unique key: never twice, even when two hosts run the job at once) and
queues the greeting through the outbox with the same key, so a rerun sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from core.sdk import (
    Client,
    HookContext,
    JobContext,
    NotFound,
    OrgUnit,
    QueuedMessage,
    TransitionNotAllowed,
    UnitRef,
    china_date,
    in_subtree,
    new_public_id,
    upsert,
)
from plugins.vip_benefits.access import NAME, require_enabled
from plugins.vip_benefits.catalogue import is_active
from plugins.vip_benefits.entitlements import every_rule, nearest
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.models import CareTask, Perk, TierMove
from plugins.vip_benefits.periods import birthdays_ahead

JOB = "vip-birthdays"
GREETING_TOPIC = f"{NAME}.birthday_greeting"
BATCH = 500
Group = tuple[int, frozenset[str]]  # (look-ahead days, tiers entitled to the birthday perk)


async def _plan(ctx: HookContext) -> dict[Group, list[int]]:
    """Units where the programme is on, grouped by look-ahead and entitled tiers, so each
    group is one set-based query however many units share it."""
    org = await ctx.org()
    units = [u for u in org.units.values() if NAME in org.enabled_at(u.id)]
    settings = await ctx.settings_by_unit(NAME, units)
    perks = {
        p.code: p
        for p in (
            await ctx.session.execute(
                sa.select(Perk).where(Perk.code.in_({s.birthday_perk for s in settings.values()}))
            )
        ).scalars()
    }
    rules = await every_rule(ctx)
    today = china_date(ctx.now)
    groups: dict[Group, list[int]] = defaultdict(list)
    for unit in units:
        perk = perks.get(settings[unit.id].birthday_perk)
        if perk is None or not is_active(perk, today):
            continue
        in_force = nearest(rules, org.ancestry(unit))
        tiers = frozenset(tier for (perk_id, tier), rule in in_force.items() if perk_id == perk.id and rule.quota > 0)
        if tiers:
            groups[(settings[unit.id].birthday_look_ahead_days, tiers)].append(unit.id)
    return groups


def _candidates(
    ctx: HookContext, unit_ids: list[int], tiers: frozenset[str], ahead: dict[int, dt.date], after: int
) -> sa.Select[int, str, str, str | None, dt.date | None, int]:
    month_day = sa.extract("month", Client.birthday) * 100 + sa.extract("day", Client.birthday)
    in_grace = sa.exists().where(
        TierMove.client_id == Client.id,
        TierMove.direction == "downgrade",
        TierMove.old_tier.in_(tiers),
        TierMove.grace_until > ctx.now,
    )
    return (
        sa.select(Client.id, Client.public_id, Client.name, Client.phone, Client.birthday, Client.unit_id)
        .where(
            Client.unit_id.in_(unit_ids),
            Client.state.in_(("active", "dormant")),
            Client.birthday.is_not(None),
            month_day.in_(list(ahead)),
            sa.or_(Client.tier.in_(tiers), in_grace),
            Client.id > after,
        )
        .order_by(Client.id)
        .limit(BATCH)
    )


async def _open_tasks(ctx: HookContext, found: Sequence[Any], ahead: dict[int, dt.date]) -> int:
    """One task per client and year (the database drops repeats), and a greeting for each new one."""
    due = {row.id: ahead[row.birthday.month * 100 + row.birthday.day] for row in found}
    rows = [
        {
            "public_id": new_public_id("ct"),
            "client_id": row.id,
            "unit_id": row.unit_id,
            "kind": "birthday",
            "year": due[row.id].year,
            "due_on": due[row.id],
            "status": "open",
            "created_at": ctx.now,
        }
        for row in found
    ]
    opened = set(
        (
            await ctx.session.execute(
                upsert(ctx.session, CareTask)
                .values(rows)
                .on_conflict_do_nothing(index_elements=["client_id", "kind", "year"])
                .returning(CareTask.client_id)
            )
        ).scalars()
    )
    units = (await ctx.org()).units
    await ctx.enqueue_many(
        [
            QueuedMessage(
                GREETING_TOPIC,
                f"vip-birthday:{row.public_id}:{due[row.id].year}",
                {
                    "client": row.public_id,
                    "name": row.name,
                    "phone": row.phone,
                    "birthday": due[row.id],
                    "message": f"尊敬的{row.name}，祝您生日快乐！",
                },
                units[row.unit_id],
                row.public_id,
            )
            for row in found
            if row.id in opened
        ]
    )  # one statement per batch, as the SLA sweep queues its notices
    return len(opened)


async def birthdays(job: JobContext) -> str:
    async with job.unit_of_work() as ctx:
        groups = await _plan(ctx)
        today = china_date(ctx.now)
    opened = 0
    for (days, tiers), unit_ids in groups.items():
        ahead, after = birthdays_ahead(today, days), 0
        while True:
            async with job.unit_of_work() as ctx:
                found = (await ctx.session.execute(_candidates(ctx, unit_ids, tiers, ahead, after))).all()
                if not found:
                    break
                now_opened = await _open_tasks(ctx, found, ahead)
                after = found[-1].id
            opened += now_opened
            job.tally(examined=len(found), changed=now_opened)
            job.progress(_("{count} birthday tasks opened").format(count=opened))
    return _("{job}: {count} care tasks opened, {count} greetings queued").format(job=JOB, count=opened)


# --- the tasks as people see them ------------------------------------------------------------


def list_query(scope: UnitRef, *, status: str | None, year: int | None) -> sa.Select[CareTask, str, str]:
    query = (
        sa.select(CareTask, Client.public_id, OrgUnit.code)
        .join(Client, Client.id == CareTask.client_id)
        .join(OrgUnit, OrgUnit.id == CareTask.unit_id)
        .where(in_subtree(scope))
    )
    for column, value in ((CareTask.status, status), (CareTask.year, year)):
        if value is not None:
            query = query.where(column == value)
    return query


async def done(ctx: HookContext, public_id: str) -> tuple[CareTask, str, str]:
    """Close a task of the caller's subtree (409 when it is closed already)."""
    row = (
        await ctx.session.execute(
            sa.select(CareTask, Client.public_id)
            .join(Client, Client.id == CareTask.client_id)
            .where(CareTask.public_id == public_id)
        )
    ).one_or_none()
    unit = await ctx.unit_by_id(row[0].unit_id) if row else None
    if row is None or unit is None or not ctx.principal.sees(unit):
        raise NotFound(_("no care task '{id}'").format(id=public_id))
    await require_enabled(ctx, unit)
    task = row[0]
    if task.status != "open":
        raise TransitionNotAllowed(_("care task"), task.status, "done", [])
    task.status, task.done_at, task.done_by = "done", ctx.now, ctx.principal.label
    ctx.audit(
        entity="vip_benefits_care_task",
        entity_id=task.public_id,
        action="done",
        unit=unit,
        before={"status": "open"},
        after={"status": "done"},
    )
    return task, row[1], unit.code
