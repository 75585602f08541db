"""SLA policies per category × severity, set at a unit for its subtree (head office for the
bank, a branch stricter for its own network) and inherited down the tree like settings.

A change applies to the open orders it governs at once: they are re-dated under the new
policy, and time an order already spent with its clock stopped stays stopped.
"""

from __future__ import annotations

import sqlalchemy as sa

from core.sdk import FieldProblem, HookContext, NotFound, UnitRef, require_reason
from plugins.complaints.books import PolicyBook, policy_columns, policy_of
from plugins.complaints.i18n import _
from plugins.complaints.models import SEVERITIES, SlaPolicy, WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.redating import redate_open
from plugins.complaints.schemas import ComplaintSettings, PolicyOut
from plugins.complaints.sla import Policy

ENTITY = "complaints_sla_policy"


async def _book(ctx: HookContext, unit: UnitRef) -> PolicyBook:
    org = await ctx.org()
    return await PolicyBook.load(ctx, SlaPolicy.unit_id.in_([u.id for u in org.ancestry(unit)]))


async def matrix(ctx: HookContext, unit_code: str) -> list[PolicyOut]:
    """Every category × severity in force at the unit, and where each policy was set."""
    unit = await ctx.unit_in_scope(unit_code)
    settings: ComplaintSettings = await ctx.settings_for(NAME, unit)
    book = await _book(ctx, unit)
    rows = []
    for category in settings.categories:
        for severity in SEVERITIES:
            policy, origin = book.resolve(unit, category, severity)
            rows.append(
                PolicyOut(
                    category=category,
                    severity=severity,
                    policy=policy,  # type: ignore[arg-type]
                    set_at=origin.code if origin else None,
                )
            )
    return rows


async def _target(ctx: HookContext, unit_code: str, category: str, severity: str) -> tuple[UnitRef, SlaPolicy | None]:
    unit = await ctx.unit_in_scope(unit_code)
    settings: ComplaintSettings = await ctx.settings_for(NAME, unit)
    problems = []
    if category not in settings.categories:
        problems.append(("category", _("must be one of {allowed}").format(allowed=", ".join(settings.categories))))
    if severity not in SEVERITIES:
        problems.append(("severity", _("must be one of {allowed}").format(allowed=", ".join(SEVERITIES))))
    if problems:
        raise FieldProblem(problems)
    row = (
        await ctx.session.execute(
            sa.select(SlaPolicy).where(
                SlaPolicy.unit_id == unit.id, SlaPolicy.category == category, SlaPolicy.severity == severity
            )
        )
    ).scalar_one_or_none()
    return unit, row


async def _redate_subtree(ctx: HookContext, unit: UnitRef, category: str, severity: str) -> None:
    org = await ctx.org()
    subtree = [u.id for u in org.units.values() if u.path.startswith(unit.path)]
    await redate_open(
        ctx, WorkOrder.category == category, WorkOrder.severity == severity, WorkOrder.unit_id.in_(subtree), at=ctx.now
    )


async def _effective(ctx: HookContext, unit: UnitRef, category: str, severity: str) -> PolicyOut:
    policy, origin = (await _book(ctx, unit)).resolve(unit, category, severity)
    return PolicyOut(
        category=category,
        severity=severity,
        policy=policy,  # type: ignore[arg-type]
        set_at=origin.code if origin else None,
    )


async def set_policy(
    ctx: HookContext, unit_code: str, category: str, severity: str, policy: Policy, reason: str
) -> PolicyOut:
    reason = require_reason(reason)
    if problems := policy.problems():
        raise FieldProblem([(f"policy.{field}", message) for field, message in problems])
    unit, row = await _target(ctx, unit_code, category, severity)
    before = policy_columns(policy_of(row)) if row else None
    if row is None:
        row = SlaPolicy(unit_id=unit.id, category=category, severity=severity)
        ctx.session.add(row)
    for field, value in policy_columns(policy).items():
        setattr(row, field, value)
    row.changed_by, row.changed_at = ctx.principal.label, ctx.now
    await ctx.session.flush()
    ctx.audit(
        entity=ENTITY,
        entity_id=f"{category}/{severity}@{unit.code}",
        action="set",
        unit=unit,
        before=before,
        after=policy_columns(policy),
        reason=reason,
    )
    await _redate_subtree(ctx, unit, category, severity)
    return await _effective(ctx, unit, category, severity)


async def clear_policy(ctx: HookContext, unit_code: str, category: str, severity: str, reason: str) -> PolicyOut:
    """Remove the unit's own policy: it inherits again (returns what is now in force)."""
    reason = require_reason(reason)
    unit, row = await _target(ctx, unit_code, category, severity)
    if row is None:
        raise NotFound(
            _("{unit} sets no policy of its own for {category}/{severity}").format(
                unit=unit.code, category=category, severity=severity
            )
        )
    ctx.audit(
        entity=ENTITY,
        entity_id=f"{category}/{severity}@{unit.code}",
        action="cleared",
        unit=unit,
        before=policy_columns(policy_of(row)),
        reason=reason,
    )
    await ctx.session.delete(row)
    await ctx.session.flush()
    await _redate_subtree(ctx, unit, category, severity)
    return await _effective(ctx, unit, category, severity)
