"""Entitlements: per unit, tier and perk, a quota per period and a companion allowance.

A rule set at a unit holds for its whole subtree unless a unit nearer the client sets its
own for the same tier and perk, so a branch can be more generous than the network and an
outlet can withdraw a perk (quota 0). The rules table is small (units that set something ×
tiers × perks), so resolving the nearest rule is done in Python over the cached tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa

from core.sdk import FieldProblem, HookContext, UnitRef, page, require_reason
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.models import Entitlement, Perk
from plugins.vip_benefits.schemas import PerkRules, RuleIn, RuleOut, RuleRef, RulesChange, RulesPage

COLUMNS = (
    Entitlement.unit_id,
    Entitlement.perk_id,
    Entitlement.tier,
    Entitlement.quota,
    Entitlement.period,
    Entitlement.companions,
)


class Rule(NamedTuple):
    perk_id: int
    tier: str
    quota: int
    period: str
    companions: int
    set_at: UnitRef


def tier_names(ctx: HookContext) -> list[str]:
    """The bank's tiers, highest first (the configured thresholds)."""
    return [tier for tier, _ in ctx.thresholds.tiers]


def nearest(rows: Iterable[Any], chain: list[UnitRef]) -> dict[tuple[int, str], Rule]:
    """The rule in force per (perk, tier) for the last unit of ``chain`` (root first), from
    rule rows ``(unit_id, perk_id, tier, quota, period, companions)``."""
    depth = {unit.id: i for i, unit in enumerate(chain)}
    best: dict[tuple[int, str], tuple[int, Rule]] = {}
    for unit_id, perk_id, tier, quota, period, companions in rows:
        if unit_id in depth and depth[unit_id] >= best.get((perk_id, tier), (-1, None))[0]:
            best[(perk_id, tier)] = (
                depth[unit_id],
                Rule(perk_id, tier, quota, period, companions, chain[depth[unit_id]]),
            )
    return {key: rule for key, (_, rule) in best.items()}


async def rules_at(
    ctx: HookContext, unit: UnitRef, *, tiers: Iterable[str] | None = None, perk_ids: Iterable[int] | None = None
) -> dict[tuple[int, str], Rule]:
    """The rules in force at ``unit``, optionally only for some tiers or perks."""
    chain = (await ctx.org()).ancestry(unit)
    query = sa.select(*COLUMNS).where(Entitlement.unit_id.in_([u.id for u in chain]))
    if tiers is not None:
        query = query.where(Entitlement.tier.in_(list(tiers)))
    if perk_ids is not None:
        query = query.where(Entitlement.perk_id.in_(list(perk_ids)))
    return nearest((await ctx.session.execute(query)).all(), chain)


async def every_rule(ctx: HookContext) -> list[Any]:
    """Every rule row of the network (for reports and jobs that resolve many units at once)."""
    return list((await ctx.session.execute(sa.select(*COLUMNS))).all())


async def _rows(ctx: HookContext, unit: UnitRef, perks: list[Perk]) -> list[PerkRules]:
    rules = await rules_at(ctx, unit, perk_ids=[p.id for p in perks])
    return [
        PerkRules(
            perk=perk.code,
            name=perk.name,
            rules=[
                RuleOut(
                    tier=tier,
                    quota=rule.quota,
                    period=rule.period,
                    companions=rule.companions,
                    set_at=rule.set_at.code,
                    inherited=rule.set_at.id != unit.id,
                )
                for tier in tier_names(ctx)
                if (rule := rules.get((perk.id, tier))) is not None
            ],
        )
        for perk in perks
    ]


async def editor_page(ctx: HookContext, unit_code: str, cursor: str | None, limit: int) -> RulesPage:
    """Perks in catalogue order, each with the rule in force per tier at the unit and where
    it was set: everything an entitlements editor shows, one page per call."""
    unit = await ctx.unit_in_scope(unit_code)
    perks, next_cursor = await page(ctx.session, sa.select(Perk), Perk.id, cursor, limit)
    return RulesPage(
        unit=unit.code, tiers=tier_names(ctx), items=await _rows(ctx, unit, list(perks)), next_cursor=next_cursor
    )


def _problems(data: RulesChange, perks: dict[str, Perk], tiers: list[str]) -> list[tuple[str, str]]:
    problems = []
    seen: set[tuple[str, str]] = set()
    parts: tuple[tuple[str, Sequence[RuleIn | RuleRef]], ...] = (("set", data.set), ("clear", data.clear))
    for part, refs in parts:
        for i, ref in enumerate(refs):
            if ref.perk not in perks:
                problems.append((f"{part}[{i}].perk", _("no perk '{perk}' in the catalogue").format(perk=ref.perk)))
            if ref.tier not in tiers:
                problems.append((f"{part}[{i}].tier", _("must be one of {allowed}").format(allowed=", ".join(tiers))))
            if (ref.perk, ref.tier) in seen:
                problems.append(
                    (f"{part}[{i}]", _("{perk}/{tier} is named twice").format(perk=ref.perk, tier=ref.tier))
                )
            seen.add((ref.perk, ref.tier))
    if not seen:
        problems.append(("set", _("name at least one rule to set or clear")))
    return problems


async def change(ctx: HookContext, unit_code: str, data: RulesChange) -> RulesPage:
    """Set and clear rules at one unit, all or nothing; each change audited with the reason."""
    reason = require_reason(data.reason)
    unit = await ctx.unit_in_scope(unit_code)
    named: list[RuleIn | RuleRef] = [*data.set, *data.clear]
    codes = {ref.perk for ref in named}
    perks = {p.code: p for p in (await ctx.session.execute(sa.select(Perk).where(Perk.code.in_(codes)))).scalars()}
    if problems := _problems(data, perks, tier_names(ctx)):
        raise FieldProblem(problems)
    here = {
        (e.perk_id, e.tier): e
        for e in (
            await ctx.session.execute(
                sa.select(Entitlement).where(
                    Entitlement.unit_id == unit.id, Entitlement.perk_id.in_([p.id for p in perks.values()])
                )
            )
        ).scalars()
    }
    for rule in data.set:
        after = {"quota": rule.quota, "period": rule.period, "companions": rule.companions}
        row = here.get((perks[rule.perk].id, rule.tier))
        before = {k: getattr(row, k) for k in after} if row else None
        if before == after:
            continue
        if row is None:
            ctx.session.add(
                Entitlement(
                    unit_id=unit.id,
                    perk_id=perks[rule.perk].id,
                    tier=rule.tier,
                    changed_at=ctx.now,
                    changed_by=ctx.principal.label,
                    **after,
                )
            )
        else:
            row.quota, row.period, row.companions = rule.quota, rule.period, rule.companions
            row.changed_at, row.changed_by = ctx.now, ctx.principal.label
        _audit(ctx, unit, rule.perk, rule.tier, "set", before, after, reason)
    for ref in data.clear:
        row = here.get((perks[ref.perk].id, ref.tier))
        if row is not None:
            await ctx.session.delete(row)
            _audit(
                ctx,
                unit,
                ref.perk,
                ref.tier,
                "cleared",
                {"quota": row.quota, "period": row.period, "companions": row.companions},
                None,
                reason,
            )
    await ctx.session.flush()
    touched = sorted(perks.values(), key=lambda p: p.id)
    return RulesPage(unit=unit.code, tiers=tier_names(ctx), items=await _rows(ctx, unit, touched), next_cursor=None)


def _audit(
    ctx: HookContext,
    unit: UnitRef,
    perk: str,
    tier: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str,
) -> None:
    ctx.audit(
        entity="vip_benefits_entitlement",
        entity_id=f"{perk}/{tier}@{unit.code}",
        action=action,
        unit=unit,
        before=before,
        after=after,
        reason=reason,
    )
