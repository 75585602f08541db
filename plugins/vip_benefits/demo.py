"""The perks programme's part of the demo (``load_demo_data``): the story a newcomer sees.

Two sub-branches pilot the programme (朝阳支行 BJ-CY and 浦东支行 SH-PD, switched on with a
reason); head office keeps a catalogue of nine perks and sets the network's entitlements per
tier; Pudong is more generous for its gold clients; and over the last five months the
pilots' premium clients used their perks: vouchers, bookings (some still ahead), a few
cancelled. Everything goes through the plugin's own services, so the quota rules, the service
events and the audit log apply as they would for a person; each redemption happens at its
own moment in the past (the context at that time, :meth:`HookContext.at_time`), served by a member
of staff of the client's outlet. The draw is seeded, so every load tells the same story.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import NamedTuple

import sqlalchemy as sa

from core.sdk import CHINA_TZ, Client, HookContext, Principal, Staff, UnitRef, china_midnight
from plugins.vip_benefits import catalogue, entitlements, redemptions
from plugins.vip_benefits.access import NAME
from plugins.vip_benefits.schemas import PerkIn, RedemptionIn, RuleIn, RulesChange

SEED = 20261124
PILOTS = ("BJ-CY", "SH-PD")
GENEROUS = "SH-PD"
DAYS = 150
CLIENTS_PER_PILOT = 30
CANCELLED_SHARE = 0.08
SERVING_ROLES = ("lobby_manager", "customer_manager", "teller")

MERCHANT = {"skyway": "龙腾出行", "global_rescue": "国际医疗救援中心", "ikang": "爱康国宾", "holiland": "好利来"}
# code, name, fulfilment, merchant code (None: the bank), unit cost, cancel window (hours), description
PERKS: tuple[tuple[str, str, str, str | None, str | None, int, str], ...] = (
    ("airport_lounge", "机场贵宾厅", "voucher", "skyway", "180.00", 24, "国内主要机场贵宾休息室，每次可携同行人"),
    ("airport_fast_track", "机场快速安检", "voucher", "skyway", "120.00", 24, "贵宾快速安检通道"),
    ("medical_rescue", "海外医疗救援", "on_the_spot", "global_rescue", "2000.00", 0, "境外突发疾病的紧急救援与转运"),
    ("health_check", "高端体检", "booking", "ikang", "1280.00", 48, "年度深度体检套餐，需预约"),
    ("wealth_salon", "财富沙龙", "booking", None, "300.00", 48, "理财经理主讲的市场与资产配置讲座"),
    ("wine_tasting", "红酒品鉴会", "booking", None, "450.00", 72, "侍酒师主持的品鉴晚会（季节性）"),
    ("antique_appreciation", "古董鉴赏会", "booking", None, "600.00", 72, "拍卖行专家的瓷器与书画鉴赏"),
    ("birthday_cake", "生日蛋糕", "on_the_spot", "holiland", "88.50", 0, "生日当月送达的蛋糕"),
    ("credit_line", "授信绿色通道", "on_the_spot", None, None, 0, "个人授信优先审批"),
)
PERK = {perk[0]: perk for perk in PERKS}
# perk: period, quota and companions by premium rank (highest tier first); how often it is asked for
RULES: dict[str, tuple[str, tuple[int, ...], tuple[int, ...], float]] = {
    "airport_lounge": ("calendar_year", (12, 6, 2), (2, 1, 0), 5.0),
    "airport_fast_track": ("calendar_year", (12, 6, 0), (1, 0, 0), 3.0),
    "medical_rescue": ("calendar_year", (1, 1, 0), (0, 0, 0), 0.2),
    "health_check": ("calendar_year", (2, 1, 0), (1, 0, 0), 2.0),
    "wealth_salon": ("rolling_12_months", (6, 4, 2), (1, 1, 0), 3.0),
    "wine_tasting": ("calendar_year", (4, 2, 0), (1, 1, 0), 1.0),
    "antique_appreciation": ("calendar_year", (4, 2, 0), (1, 0, 0), 1.0),
    "birthday_cake": ("calendar_year", (1, 1, 1), (0, 0, 0), 1.5),
    "credit_line": ("month", (2, 1, 0), (0, 0, 0), 1.5),
}
MORE_GENEROUS = {"airport_lounge": (10, 2), "health_check": (2, 1)}
"""Pudong's own rules for the second premium tier (gold by default): quota, companions."""


class Use(NamedTuple):
    """One redemption to replay at its moment (``cancel``: cancelled soon after)."""

    at: dt.datetime
    client: str
    outlet: int
    perk: str
    companions: int
    scheduled_for: dt.datetime | None
    cancel: bool


async def load(ctx: HookContext) -> str:
    """Switch the programme on at the pilots, fill the catalogue, set the rules, replay the
    redemptions; returns the one-line summary the demo prints."""
    org = await ctx.org()
    pilots = [org.by_code[code] for code in PILOTS if code in org.by_code]
    for unit in pilots:
        await ctx.set_plugin_enabled(NAME, unit, True, reason="demo: 礼遇计划试点")
    await _catalogue(ctx)
    premium = entitlements.tier_names(ctx)[:-1]
    rules = await _entitlements(ctx, premium, org.by_code.get(GENEROUS))
    rng = random.Random(SEED)
    done = await _replay(ctx, rng, await _plan(ctx, rng, pilots, premium), {u.id: u for u in org.units.values()})
    cancelled = sum(use.cancel for use in done)
    ahead = sum(1 for use in done if not use.cancel and use.scheduled_for is not None and use.scheduled_for > ctx.now)
    clients = len({use.client for use in done})
    return (
        f"{NAME}: on at {', '.join(u.code for u in pilots)}; {len(PERKS)} perks; {rules}; "
        f"{len(done)} redemptions by {clients} premium "
        f"clients over {DAYS // 30} months ({cancelled} cancelled, {ahead} bookings ahead)"
    )


async def _catalogue(ctx: HookContext) -> None:
    today = ctx.now.astimezone(CHINA_TZ).date()
    season = (today - dt.timedelta(days=DAYS + 30)).replace(day=1), dt.date(today.year + 1, 6, 30)
    for code, name, fulfilment, merchant, cost, window, description in PERKS:
        await catalogue.create(
            ctx,
            PerkIn(
                code=code,
                name=name,
                fulfilment=fulfilment,
                description=description,  # type: ignore[arg-type]
                provider="merchant" if merchant else "bank",
                merchant_code=merchant,
                merchant_name=MERCHANT[merchant] if merchant else None,
                unit_cost=Decimal(cost) if cost else None,
                cancel_window_hours=window,
                active_from=season[0] if code == "wine_tasting" else None,
                active_until=season[1] if code == "wine_tasting" else None,
            ),
        )


def _rank(premium: list[str], tier: str) -> int:
    return min(premium.index(tier), 2)


async def _entitlements(ctx: HookContext, premium: list[str], generous: UnitRef | None) -> str:
    """The network's rules at the head office, and the generous sub-branch's own for the
    second premium tier; says what was set."""
    network = [
        RuleIn(
            perk=perk,
            tier=tier,
            quota=quotas[_rank(premium, tier)],
            period=period,  # type: ignore[arg-type]
            companions=companions[_rank(premium, tier)],
        )
        for perk, (period, quotas, companions, _) in RULES.items()
        for tier in premium
        if quotas[_rank(premium, tier)] > 0
    ]
    if not network or ctx.unit is None:
        return "no entitlement rules (no premium tier)"
    await entitlements.change(ctx, ctx.unit.code, RulesChange(reason="demo: 总行年度礼遇方案", set=network))
    if generous is None or len(premium) < 2:
        return f"{len(network)} entitlement rules at {ctx.unit.code}"
    local = [
        RuleIn(
            perk=perk,
            tier=premium[1],
            quota=quota,
            period=RULES[perk][0],  # type: ignore[arg-type]
            companions=companions,
        )
        for perk, (quota, companions) in MORE_GENEROUS.items()
    ]
    await entitlements.change(ctx, generous.code, RulesChange(reason="demo: 浦东支行高端客户加码", set=local))
    return f"{len(network)} entitlement rules at {ctx.unit.code}, {len(local)} more generous at {generous.code}"


async def _plan(ctx: HookContext, rng: random.Random, pilots: list[UnitRef], premium: list[str]) -> list[Use]:
    """The uses to replay, oldest first: a few perks per premium client of each pilot, at
    office hours over the last :data:`DAYS` days, and a handful of bookings for the weeks ahead."""
    uses: list[Use] = []
    for pilot in pilots:
        clients = (
            await ctx.session.execute(
                sa.select(Client.public_id, Client.unit_id, Client.tier)
                .where(
                    Client.unit_id.in_(await _subtree(ctx, pilot)),
                    Client.tier.in_(premium),
                    Client.state.in_(redemptions.SERVED_STATES),
                )
                .order_by(Client.id)
                .limit(CLIENTS_PER_PILOT)
            )
        ).all()
        for index, (client, outlet, tier) in enumerate(clients):
            granted = [perk for perk, (_, quotas, _, _) in RULES.items() if quotas[_rank(premium, tier)] > 0]
            weights = [RULES[perk][3] for perk in granted]
            for _ in range(rng.randint(1, 3)):
                perk = rng.choices(granted, weights)[0]
                uses.append(_use(ctx, rng, client, outlet, perk, tier, premium, days_ago=rng.uniform(1, DAYS)))
            if index < 3:  # a booking made this week, for the weeks ahead
                uses.append(_use(ctx, rng, client, outlet, "wealth_salon", tier, premium, days_ago=rng.uniform(1, 5)))
    return sorted(uses, key=lambda use: (use.at, use.client))


def _use(
    ctx: HookContext,
    rng: random.Random,
    client: str,
    outlet: int,
    perk: str,
    tier: str,
    premium: list[str],
    days_ago: float,
) -> Use:
    day = (ctx.now - dt.timedelta(days=days_ago)).astimezone(CHINA_TZ).date()
    at = china_midnight(day) + dt.timedelta(hours=rng.randint(9, 16), minutes=rng.randrange(0, 60, 5))
    _, _, fulfilment, _, _, cancel_window, _ = PERK[perk]
    scheduled = china_midnight(day + dt.timedelta(days=rng.randint(3, 21))) + dt.timedelta(
        hours=rng.choice((10, 14, 19))
    )
    companions = rng.randint(0, RULES[perk][2][_rank(premium, tier)])
    return Use(
        at=min(at, ctx.now - dt.timedelta(hours=1)),
        client=client,
        outlet=outlet,
        perk=perk,
        companions=companions,
        scheduled_for=scheduled if fulfilment == "booking" else None,
        cancel=rng.random() < CANCELLED_SHARE and cancel_window > 0,
    )


async def _subtree(ctx: HookContext, unit: UnitRef) -> list[int]:
    org = await ctx.org()
    return [u.id for u in org.units.values() if u.path.startswith(unit.path)]


async def _servers(ctx: HookContext, outlets: set[int]) -> dict[int, list[Principal]]:
    """Front-line staff of each outlet, as the principals who serve the demo's clients."""
    staff: dict[int, list[Principal]] = {}
    for member in (
        await ctx.session.execute(sa.select(Staff).where(Staff.unit_id.in_(outlets), Staff.active).order_by(Staff.id))
    ).scalars():
        if set(member.roles) & set(SERVING_ROLES):
            staff.setdefault(member.unit_id, []).append(await ctx.principal_for(member))
    return staff


async def _replay(ctx: HookContext, rng: random.Random, plan: list[Use], units: dict[int, UnitRef]) -> list[Use]:
    """Each use at its own moment, through the plugin's services; a use the quota no longer
    allows is dropped (the desk would be refused). Returns the uses made."""
    servers = await _servers(ctx, {use.outlet for use in plan})
    done: list[Use] = []
    for use in plan:
        server = rng.choice(servers[use.outlet]) if servers.get(use.outlet) else ctx.principal
        at = ctx.at_time(use.at).acting_as(server).at_unit(units[use.outlet])
        try:
            redeemed = await redemptions.redeem(
                at,
                RedemptionIn(
                    client=use.client,
                    perk=use.perk,
                    companions=use.companions,
                    scheduled_for=use.scheduled_for,
                    measurements={
                        "identity_verified": True,
                        "wait_minutes": rng.randint(1, 14),
                        "terms_explained": rng.random() > 0.05,
                    },
                ),
            )
        except redemptions.QuotaExhausted:
            continue
        if use.cancel:
            await redemptions.cancel(
                at.at_time(use.at + dt.timedelta(minutes=40)), redeemed.redemption.id, "demo: 客户行程有变"
            )
        done.append(use)
    return done
