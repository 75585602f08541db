"""A client's balance ("what can this client still use") and the section the client 360°
view shows: quota, use and what is left per perk, the grace period after a downgrade, and the
latest redemptions."""

from __future__ import annotations

import sqlalchemy as sa

from core.sdk import (
    Client,
    ClientSnapshot,
    HookContext,
    OrgUnit,
    ViewField,
    ViewSection,
    china_date,
    china_day,
    china_time,
    named,
)
from plugins.vip_benefits import quota
from plugins.vip_benefits.access import NAME, require_enabled
from plugins.vip_benefits.catalogue import is_active
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.models import Perk, Redemption, TierMove
from plugins.vip_benefits.schemas import (
    BalanceOut,
    GraceOut,
    PerkBalance,
    RecentRedemption,
    VipSection,
)
from plugins.vip_benefits.terms import STATUSES

RECENT = 5


def grace_of(move: TierMove | None, ctx: HookContext) -> GraceOut | None:
    """The grace period a downgraded client is in now, if any."""
    if move is None or move.direction != "downgrade" or move.grace_until is None or ctx.now >= move.grace_until:
        return None
    return GraceOut(from_tier=move.old_tier, until=move.grace_until)


async def perk_balances(ctx: HookContext, client: Client) -> tuple[list[PerkBalance], TierMove | None]:
    """Per perk usable today, the quota in force, what was used in its window and what is
    left (never below zero, even when a rule was lowered after use)."""
    granted, move = await quota.allowances(ctx, client, await ctx.unit_by_id(client.unit_id))
    used = await quota.usage(ctx, client.id, granted)
    perks = (await ctx.session.execute(sa.select(Perk).where(Perk.id.in_(list(granted))).order_by(Perk.id))).scalars()
    today = china_date(ctx.now)
    balances = []
    for perk in perks:
        a = granted[perk.id]
        if not is_active(perk, today) or (a.quota == 0 and used[perk.id] == 0):
            continue
        balances.append(
            PerkBalance(
                perk=perk.code,
                name=perk.name,
                period=a.rule.period,
                window_start=a.window.start,
                window_end=a.window.end,
                quota=a.quota,
                used=used[perk.id],
                left=max(a.quota - used[perk.id], 0),
                companions=a.rule.companions,
                set_at=a.rule.set_at.code,
                basis=a.basis,
            )
        )  # type: ignore[arg-type]
    return balances, move


async def balance(ctx: HookContext, client_id: str) -> BalanceOut:
    client = await ctx.client(client_id)  # 404 outside the caller's subtree
    unit = await ctx.unit_by_id(client.unit_id)
    await require_enabled(ctx, unit)
    perks, move = await perk_balances(ctx, client)
    return BalanceOut(
        client=client.public_id, tier=client.tier, unit=unit.code, as_of=ctx.now, grace=grace_of(move, ctx), perks=perks
    )


async def view_section(ctx: HookContext, snapshot: ClientSnapshot) -> ViewSection:
    """The 360° view's section (the hook reaches it only where the programme is on): data
    for scripts, and labelled fields for people: any grace period, what is left of each
    perk, the latest redemptions."""
    client = await ctx.client(snapshot.id)
    perks, move = await perk_balances(ctx, client)
    rows = (
        await ctx.session.execute(
            sa.select(
                Redemption.public_id, Perk.code, OrgUnit.code, Redemption.status, Redemption.redeemed_at, Perk.name
            )
            .join(Perk, Perk.id == Redemption.perk_id)
            .join(OrgUnit, OrgUnit.id == Redemption.unit_id)
            .where(Redemption.client_id == client.id)
            .order_by(Redemption.id.desc())
            .limit(RECENT)
        )
    ).all()
    recent = [RecentRedemption(id=i, perk=p, unit=u, status=s, redeemed_at=at) for i, p, u, s, at, _name in rows]
    names = {row[1]: row[5] for row in rows}
    grace = grace_of(move, ctx)
    return ViewSection(
        key=NAME,
        title=_("VIP perks"),
        plugin=NAME,
        data=VipSection(tier=client.tier, grace=grace, balance=perks, recent=recent),
        fields=tuple(section_fields(grace, perks, recent, names)),
    )


def section_fields(
    grace: GraceOut | None, perks: list[PerkBalance], recent: list[RecentRedemption], names: dict[str, str]
) -> list[ViewField]:
    """The section as a person reads it, in the request's language and China time
    (``names``: the perks' names by code)."""
    fields = []
    if grace is not None:
        label = _("Keeps {tier}'s perks until").format(tier=grace.from_tier)
        fields.append(ViewField(label, grace.until, "time"))
    for p in perks:
        if p.period == "rolling_12_months":  # each use comes back a year after it: no one renewal day
            left = _("{left} of {quota} left in the last 12 months").format(left=p.left, quota=p.quota)
        else:
            left = _("{left} of {quota} left, renews {day}").format(
                left=p.left, quota=p.quota, day=china_day(p.window_end)
            )
        fields.append(ViewField(p.name, left))
    if not perks:
        fields.append(ViewField(_("Perks"), _("none to use at this unit")))
    for r in recent:
        label = _("Redeemed {perk}").format(perk=names[r.perk])
        fields.append(ViewField(label, f"{china_time(r.redeemed_at)} · {named(STATUSES, r.status)} · {r.unit}"))
    return fields
