"""For any sequence of redemptions, cancellations, waits and rule changes, the system agrees
with a model that counts live redemptions in the window: a redemption succeeds exactly when
the model has quota left, what is left is never negative (not even after a rule is lowered
below what was used), and a cancellation in time gives back exactly the one use it took."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.context import HookContext
from core.errors import FieldProblem, TransitionNotAllowed
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services import clients
from core.services.standards import sync_plugin_touchpoints
from core.testing import START, enable
from plugins.vip_benefits import balance, catalogue, entitlements, redemptions
from plugins.vip_benefits.periods import window
from plugins.vip_benefits.redemptions import QuotaExhausted
from plugins.vip_benefits.schemas import PerkIn, RedemptionIn, RuleIn, RulesChange

CANCEL_HOURS = 48
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("redeem")),
        st.tuples(st.just("cancel"), st.integers(0, 20)),
        st.tuples(st.just("wait"), st.integers(1, 24 * 120)),
        st.tuples(st.just("quota"), st.integers(0, 4)),
    ),
    max_size=14,
)
names = itertools.count()


@pytest.fixture
async def programme(db, network, clock, settings):  # type: ignore[no-untyped-def]
    """The programme on everywhere, one perk, and a way to run a unit of work as the bank."""
    await enable(db, "vip_benefits", network["HO"])
    runtime = PluginRuntime(create_plugin_manager())

    def work():  # type: ignore[no-untyped-def]
        return db.unit_of_work()

    def ctx_of(session) -> HookContext:  # type: ignore[no-untyped-def]
        return HookContext(
            session=session,
            clock=clock,
            plugins=runtime,
            settings=settings,
            principal=system_principal(network["HO"].ref()),
        )

    async with work() as session:
        await sync_plugin_touchpoints(session, runtime, clock.now())
        await catalogue.create(
            ctx_of(session), PerkIn(code="spa", name="水疗", fulfilment="voucher", cancel_window_hours=CANCEL_HOURS)
        )
    return work, ctx_of


async def set_rule(work, ctx_of, period: str, quota: int) -> None:  # type: ignore[no-untyped-def]
    async with work() as session:
        await entitlements.change(
            ctx_of(session),
            "HO",
            RulesChange(reason="规则", set=[RuleIn(perk="spa", tier="gold", quota=quota, period=period)]),
        )  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(period=st.sampled_from(["calendar_year", "month", "rolling_12_months"]), start_quota=st.integers(0, 3), ops=OPS)
async def test_the_system_agrees_with_the_counting_model(
    programme,
    clock,
    period: str,
    start_quota: int,  # type: ignore[no-untyped-def]
    ops: list[tuple],
) -> None:  # type: ignore[type-arg]
    work, ctx_of = programme
    clock.set(START)
    await set_rule(work, ctx_of, period, start_quota)
    async with work() as session:
        client = (
            await clients.create(
                ctx_of(session),
                unit_code="OUT1",
                kind="retail",
                state="active",
                manager_id=None,
                values={"name": f"客户{next(names)}", "assets_under_management": 900000},
                reason="开户",
            )
        ).public_id
    quota, taken = start_quota, []  # the model: the quota in force and each redemption as (id, at, live)

    def model_used() -> int:
        span = window(period, clock.now())
        return sum(1 for _, at, live in taken if live and span.start <= at < span.end)

    async def left() -> int:
        async with work() as session:
            found = {p.perk: p for p in (await balance.balance(ctx_of(session), client)).perks}
        return found["spa"].left if "spa" in found else 0

    for op in ops:
        before = await left()
        assert before == max(quota - model_used(), 0) >= 0
        if op[0] == "redeem":
            try:
                async with work() as session:
                    answer = await redemptions.redeem(ctx_of(session), RedemptionIn(client=client, perk="spa"))
                taken.append((answer.redemption.id, clock.now(), True))
                assert model_used() <= quota and answer.left == before - 1
            except QuotaExhausted:
                assert model_used() >= quota
            except FieldProblem as exc:  # a quota of 0 reads as no entitlement at all
                assert quota == 0 and "未给“gold”等级客户配置“水疗”权益" in exc.detail
        elif op[0] == "cancel" and taken:
            public_id, at, live = taken[op[1] % len(taken)]
            in_time = live and clock.now() <= at + dt.timedelta(hours=CANCEL_HOURS)
            try:
                async with work() as session:
                    await redemptions.cancel(ctx_of(session), public_id, "客户取消")
                assert in_time
                used_before = model_used()
                taken[op[1] % len(taken)] = (public_id, at, False)
                gave_back = model_used() < used_before <= quota  # it counted now, and was within the quota
                assert await left() - before == (1 if gave_back else 0)
            except TransitionNotAllowed:
                assert not in_time
        elif op[0] == "wait":
            clock.advance(hours=op[1])
        elif op[0] == "quota":
            quota = op[1]
            await set_rule(work, ctx_of, period, quota)
    assert await left() == max(quota - model_used(), 0)
