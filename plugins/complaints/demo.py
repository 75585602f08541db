"""The complaints plugin's part of the demo (``load_demo_data``): four months of complaints.

Complaint handling is switched on at head office for the whole network (escalations climb to
head office, and serious complaints are handled there from intake), the holiday calendar is
seeded for the years the deadlines fall in, and about a hundred complaints arrive at the
outlets over the last four months. Each one lives a story replayed at its own moments in
the past (a :class:`HookContext` on a :class:`FrozenClock`), through the plugin's services
and by the staff who would act: a front-line colleague takes it in, the outlet head contacts
the client, investigates and replies, most promptly, some late, some waiting for the client,
some extended, a few disputed and reopened, a couple never answered. The SLA sweep runs
twice a day between the steps, so the escalations are the sweep's own. Stories end where
the demo's "now" (the runtime clock) cuts them: recent complaints are still open. The draw
is seeded, so every load tells the same story.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import NamedTuple

import sqlalchemy as sa

from core.sdk import (
    CHINA_TZ,
    Client,
    HookContext,
    OrgSnapshot,
    Principal,
    Staff,
    UnitRef,
    china_date,
    demo_mobile,
    demo_person,
)
from plugins.complaints import calendar_days, extensions, intake, sweep, transitions
from plugins.complaints.lifecycle import OPEN_STATES, STATES
from plugins.complaints.models import WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.schemas import ContactIn, IntakeIn, ResolveIn

SEED = 20261120
DAYS = 120
SWEEP_HOURS = (10, 16)
"""Local hours at which the demo's SLA sweep runs each day."""
FATES = {
    "fresh": (5, 0, 1),
    "prompt": (40, 1, DAYS),
    "waiting": (5, 4, 40),
    "late_contact": (5, 5, DAYS),
    "slow": (4, 17, DAYS),
    "extended": (3, 12, DAYS),
    "further": (1, 40, 60),
    "disputed": (5, 20, DAYS),
    "silent": (2, 16, 30),
    "serious": (2, 3, 10),
}
"""How a complaint's story goes → (how many, received between so many days ago and so many)."""
RECENT = 1.8
"""Skews receipt towards the recent end of each range (1: evenly spread)."""
HANDLERS = {
    "outlet": "outlet_head",
    "sub_branch": "sub_branch_head",
    "branch": "branch_service",
    "head_office": "head_office_service",
}
FRONT_LINE = ("teller", "lobby_manager", "customer_manager")
CHANNELS = {"counter": 40, "phone": 30, "e_banking": 15, "lobby": 10, "letter": 5}
SEVERITIES = {"low": 30, "medium": 50, "high": 20}
CONTENT = {
    "waiting_time": (
        "排队等候超过一小时，叫号系统混乱，无人引导",
        "周六只开一个窗口，等了九十分钟",
        "预约了大额取款，到网点仍等候四十分钟",
    ),
    "service_attitude": (
        "柜员办理业务时态度冷淡，不耐烦回答问题",
        "大堂经理对老年客户说话不客气",
        "客户经理多次电话未接，也未回电",
    ),
    "fees": ("账户管理费未经告知即被扣收", "跨行转账手续费与宣传不符", "信用卡年费已承诺减免仍被收取"),
    "mis_selling": (
        "推荐的理财产品风险等级与本人风险评估不符",
        "购买保险时未说明犹豫期和退保损失",
        "被告知保本的理财产品出现亏损",
    ),
    "system_failure": ("手机银行转账显示失败但资金已扣", "ATM吞卡后三天无人处理", "网银反复提示证书错误，无法办理业务"),
    "other": ("网点门口无障碍通道被占用", "网点停车位长期被占用，无法办理业务", "网点宣传折页信息过期"),
}
CATEGORIES = {
    "waiting_time": 25,
    "service_attitude": 25,
    "fees": 18,
    "mis_selling": 10,
    "system_failure": 14,
    "other": 8,
}
SERIOUS = (
    ("phone", "privacy", "接到自称本行员工的推销电话，对方掌握本人账户余额和交易信息"),
    ("regulator", "mis_selling", "监管部门转办：客户反映理财产品销售过程中未充分揭示风险"),
)
NOTES = {
    "acknowledge": "已电话联系客户，告知处理时限和工单编号",
    "investigate": "网点负责人牵头调查",
    "wait": "等待客户提供交易凭证",
    "resume": "客户已补充材料",
    "reply": "已电话答复客户处理结果",
    "close": "客户表示认可，结案",
}
"""What the handler notes at each plain step."""
REFUNDS = {"fees": Decimal("120.00"), "mis_selling": Decimal("800.00"), "system_failure": Decimal("50.00")}


class Story(NamedTuple):
    """One complaint to replay: where and when it arrived, what it says, and its steps as
    ``(hours after receipt, action)``."""

    outlet: UnitRef
    received: dt.datetime
    intake: IntakeIn
    steps: list[tuple[float, str]]


async def load(ctx: HookContext) -> str:
    """Switch the plugin on, seed the calendar, replay the complaints; returns the summary line."""
    assert ctx.unit is not None
    await ctx.set_plugin_enabled(NAME, ctx.unit, True, reason="demo: 全行投诉管理上线，升级与重大投诉由总行处理")
    years = range((ctx.now - dt.timedelta(days=DAYS)).year, ctx.now.year + 2)
    for year in years:
        await calendar_days.seed(ctx, "CN", year, reason="demo: 国务院办公厅节假日安排")
    org = await ctx.org()
    switched = f"{NAME}: on at {ctx.unit.code} for the whole network, CN calendar {years[0]}–{years[-1]} seeded"
    if not (outlets := [u for u in org.units.values() if u.level == "outlet"]):
        return f"{switched}; no outlets to take complaints at"
    rng = random.Random(SEED)
    stories = await _plan(ctx, rng, outlets)
    await Replay(await ctx.pinned_tree(), rng, await _principals(ctx), org).run(stories)
    states = Counter(
        dict((await ctx.session.execute(sa.select(WorkOrder.state, sa.func.count()).group_by(WorkOrder.state))).all())
    )
    escalated, reopened = (
        await ctx.session.execute(
            sa.select(
                sa.func.count().filter(WorkOrder.handling_unit_id != WorkOrder.unit_id, WorkOrder.serious.is_(False)),
                sa.func.count().filter(WorkOrder.round > 0),
            )
        )
    ).one()
    shown = ", ".join(f"{states[s]} {s}" for s in STATES if states[s])
    return (
        f"{switched}; {len(stories)} work orders over {DAYS // 30} months ({shown}; {reopened} reopened), {escalated} "
        f"escalated by the SLA sweep, {FATES['serious'][0]} serious ones handled at {ctx.unit.code}"
    )


async def _plan(ctx: HookContext, rng: random.Random, outlets: list[UnitRef]) -> list[Story]:
    """Every complaint's story, drawn from the seeded ``rng``."""
    outlets = sorted(outlets, key=lambda u: u.code)
    clients: dict[int, list[str]] = {}
    for public_id, unit_id in await ctx.session.execute(
        sa.select(Client.public_id, Client.unit_id).where(Client.state == "active").order_by(Client.id)
    ):
        clients.setdefault(unit_id, []).append(public_id)
    fates = [fate for fate, (count, _, _) in FATES.items() for _ in range(count)]
    rng.shuffle(fates)
    stories, serious = [], iter(SERIOUS)
    for fate in fates:
        outlet = rng.choice(outlets)
        low, high = FATES[fate][1:]
        age = low + (high - low) * rng.random() ** RECENT  # more of the recent weeks: more still open
        day = china_date(ctx.now - dt.timedelta(days=age))
        received = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randrange(0, 60, 5)), CHINA_TZ)
        received = min(received.astimezone(dt.UTC), ctx.now - dt.timedelta(hours=rng.uniform(1, 6)))
        if fate == "serious":
            channel, category, content = next(serious)
            severity = "high"
        else:
            channel = rng.choices(list(CHANNELS), list(CHANNELS.values()))[0]
            category = rng.choices(list(CATEGORIES), list(CATEGORIES.values()))[0]
            severity = rng.choices(list(SEVERITIES), list(SEVERITIES.values()))[0]
            content = rng.choice(CONTENT[category])
        known = clients.get(outlet.id)
        client = rng.choice(known) if known and rng.random() < 0.7 else None
        contact = None if client else ContactIn(name=demo_person(rng)[0], phone=demo_mobile(rng))
        stories.append(
            Story(
                outlet,
                received,
                IntakeIn(
                    channel=channel,
                    category=category,
                    severity=severity,
                    content=content,
                    client=client,  # type: ignore[arg-type]
                    contact=contact,
                    received_at=received,
                    told_time_limit=rng.random() < 0.9,
                    reference_given=rng.random() < 0.85,
                ),
                _steps(rng, fate),
            )
        )
    return stories


def _steps(rng: random.Random, fate: str) -> list[tuple[float, str]]:
    """A story's steps in hours after receipt (the replay stops at the demo's now)."""
    if fate in ("fresh", "silent"):
        return []
    at = rng.uniform(60, 90) if fate == "late_contact" else rng.uniform(1, 20)
    steps = [(at, "acknowledge"), (at := at + rng.uniform(4, 72), "investigate")]
    if fate == "waiting":
        steps += [(at := at + rng.uniform(24, 72), "wait"), (at := at + rng.uniform(48, 120), "resume")]
    if fate in ("extended", "further"):
        steps.append((rng.uniform(9, 12) * 24, "extend"))
    if fate == "further":
        steps += [(rng.uniform(20, 24) * 24, "extend"), (rng.uniform(25, 27) * 24, "approve")]
    days = {"slow": (17, 22), "extended": (18, 27), "further": (35, 50)}.get(fate)
    at = rng.uniform(*days) * 24 if days else at + rng.uniform(48, 240)
    steps += [(at, "resolve"), (at := at + rng.uniform(2, 30), "reply"), (at := at + rng.uniform(24, 168), "close")]
    if fate == "disputed":
        steps += [
            (at := at + rng.uniform(24, 96), "reopen"),
            (at := at + rng.uniform(48, 200), "resolve"),
            (at := at + rng.uniform(2, 30), "reply"),
            (at + rng.uniform(24, 168), "close"),
        ]
    return steps


async def _principals(ctx: HookContext) -> dict[tuple[int, str], list[Principal]]:
    """Active staff as principals, by (unit, role)."""
    found: dict[tuple[int, str], list[Principal]] = {}
    for member in (await ctx.session.execute(sa.select(Staff).where(Staff.active).order_by(Staff.id))).scalars():
        principal = await ctx.principal_for(member)
        for role in member.roles:
            found.setdefault((member.unit_id, role), []).append(principal)
    return found


def _overdue(order: WorkOrder, at: dt.datetime) -> bool:
    """Whether a sweep at ``at`` would escalate ``order`` (what :func:`sweep.overdue` selects),
    so the replay runs the sweep only when it has something to do."""
    if order.state == "received" and not order.first_contact_escalated and order.first_contact_due_at < at:
        return True
    return (
        order.state in OPEN_STATES
        and order.paused_since is None
        and order.decision_due_at < at
        and order.decision_escalated_key != order.decision_key
    )


class Replay:
    """Every story's steps in the order they happened, the SLA sweep running in between."""

    def __init__(
        self, ctx: HookContext, rng: random.Random, staff: dict[tuple[int, str], list[Principal]], tree: OrgSnapshot
    ) -> None:
        self.ctx, self.rng, self.staff, self.tree = ctx, rng, staff, tree
        self.orders: dict[int, WorkOrder] = {}
        self.pending: dict[int, str] = {}
        self.swept_until = ctx.now - dt.timedelta(days=DAYS + 1)

    def at(self, moment: dt.datetime, principal: Principal | None = None) -> HookContext:
        return self.ctx.at_time(moment).acting_as(principal or self.ctx.principal)

    def someone(self, unit: UnitRef, roles: tuple[str, ...]) -> Principal | None:
        people = [p for role in roles for p in self.staff.get((unit.id, role), [])]
        return self.rng.choice(people) if people else None

    async def run(self, stories: list[Story]) -> None:
        moments = [
            (story.received + dt.timedelta(minutes=self.rng.randint(3, 40)), i, -1, "intake")
            for i, story in enumerate(stories)
        ]
        moments += [
            (story.received + dt.timedelta(hours=hours), i, n, action)
            for i, story in enumerate(stories)
            for n, (hours, action) in enumerate(story.steps)
        ]
        for moment, index, _, action in sorted(m for m in moments if m[0] < self.ctx.now):
            await self.sweep_until(moment)
            await self.act(moment, stories[index], index, action)
        await self.sweep_until(self.ctx.now)
        await self.sweep(self.ctx.now)  # as the job would find things now

    async def sweep_until(self, moment: dt.datetime) -> None:
        """Run the sweeps due between the last one and ``moment``."""
        day = china_date(self.swept_until)
        while day <= china_date(moment):
            for hour in SWEEP_HOURS:
                at = dt.datetime.combine(day, dt.time(hour), CHINA_TZ).astimezone(dt.UTC)
                if self.swept_until < at <= moment and any(_overdue(o, at) for o in self.orders.values()):
                    await self.sweep(at)
            day += dt.timedelta(days=1)
        self.swept_until = moment

    async def sweep(self, at: dt.datetime) -> None:
        await self.ctx.session.flush()
        moved = sum([(await sweep.escalate_batch(self.at(at), kind, at))[1] for kind in ("first_contact", "decision")])
        if moved:  # the sweep updates in SQL: the orders this unit of work holds take its changes
            await self.ctx.session.execute(
                sa.select(WorkOrder)
                .where(WorkOrder.id.in_([o.id for o in self.orders.values()]))
                .execution_options(populate_existing=True)
            )

    async def act(self, moment: dt.datetime, story: Story, index: int, action: str) -> None:
        outlet = story.outlet
        if action == "intake":
            clerk = self.someone(outlet, FRONT_LINE)
            self.orders[index] = await intake.take_in(self.at(moment, clerk), outlet.code, story.intake)
            return
        order = self.orders[index]
        handling = self.tree.units[order.handling_unit_id]
        if action == "reopen":
            who = self.someone(outlet, FRONT_LINE)
        elif action == "approve":
            chain = self.tree.ancestry(handling)
            above = chain[-2] if len(chain) > 1 else handling  # head office approves its own
            who = self.someone(above, (HANDLERS[above.level],))
        else:
            who = self.someone(handling, (HANDLERS[handling.level],))
        await self.step(self.at(moment, who), outlet.code, order, index, action)

    async def step(self, ctx: HookContext, unit: str, order: WorkOrder, index: int, action: str) -> None:
        public_id = order.public_id
        if action == "extend":
            extension = await extensions.request(ctx, unit, public_id, "案情复杂，需调取录音录像并联系第三方核实")
            if extension.status == "pending":
                self.pending[index] = extension.public_id
        elif action == "approve":
            if index in self.pending:
                await extensions.decide(
                    ctx, unit, public_id, self.pending.pop(index), approve=True, note="同意：需调取多方记录"
                )
        elif action == "resolve":
            await transitions.act(ctx, unit, public_id, "resolve", resolution=self.resolution(order))
        elif action == "reopen":
            await transitions.act(ctx, unit, public_id, "reopen", reason="客户对处理结果不认可，要求重新核查")
        else:
            await transitions.act(ctx, unit, public_id, action, note=NOTES[action])  # type: ignore[arg-type]

    def resolution(self, order: WorkOrder) -> ResolveIn:
        if self.rng.random() < 0.55:
            refund = REFUNDS.get(order.category, Decimal(0)) if self.rng.random() < 0.6 else Decimal(0)
            return ResolveIn(
                resolution="核实属实，已向客户致歉" + ("并退还相关款项" if refund else "，并对员工进行培训"),
                justified=True,
                apology_given=True,
                compensation=refund,
            )
        return ResolveIn(
            resolution="经调阅录音录像，业务办理符合规定，已向客户详细解释", justified=False, apology_given=False
        )
