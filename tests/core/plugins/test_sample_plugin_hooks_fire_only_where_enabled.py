"""The sample plugin's hooks reach it only for clients of units where it is on; its async
implementations are awaited; what they write commits or rolls back with the triggering unit of
work, and what they queue leaves after commit through the plugin's own delivery channel."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from acme_lounge.models import LoungeVisit
from litestar.testing import AsyncTestClient

from core.context import HookContext, JobContext
from core.jobs import run_job
from core.models import Client, OutboxRow
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services import clients
from core.testing import enable
from core.types import ViewSection

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries

VISITS = "/api/v1/plugins/acme_lounge/visits"
GOLD = {"kind": "retail", "name": "钱多多", "unit": "OUT1", "reason": "开户", "assets_under_management": "900000"}


async def switch_on(client: AsyncTestClient, token_for, unit: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    admin = await token_for("admin", "HO")
    await client.put(
        f"/api/v1/units/{unit}/plugins/acme_lounge", json={"enabled": True, "reason": "试点"}, headers=admin
    )
    return admin


async def open_client(client: AsyncTestClient, token_for, **body: str) -> str:  # type: ignore[no-untyped-def]
    created = await client.post(
        "/api/v1/clients", json={**GOLD, **body}, headers=await token_for("customer_manager", body.get("unit", "OUT1"))
    )
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def test_premium_clients_are_welcomed_only_at_units_where_it_is_on(client: AsyncTestClient, token_for) -> None:
    admin = await switch_on(client, token_for, "SB1")
    here = await open_client(client, token_for)
    await open_client(client, token_for, unit="OUT3")
    await open_client(client, token_for, assets_under_management="60000")  # silver: no lounge access
    for scope in ("SB1", "SB2"):
        await switch_on(client, token_for, scope)  # the other sub-branch too, after the fact, to read its ledger
        welcomes = (await client.get(VISITS, params={"kind": "welcome", "unit": scope}, headers=admin)).json()["items"]
        assert [(w["client"], w["unit"], w["airport"]) for w in welcomes] == (
            [(here, "OUT1", None)] if scope == "SB1" else []
        )


@pytest.mark.parametrize("commits", [True, False])
async def test_the_welcome_commits_or_rolls_back_with_the_client(db, network, clock, commits: bool) -> None:
    await enable(db, "acme_lounge", network["SB1"])
    runtime = PluginRuntime(create_plugin_manager())
    with pytest.raises(RuntimeError) if not commits else _nothing():
        async with db.unit_of_work() as session:
            ctx = HookContext(
                session=session, clock=clock, plugins=runtime, principal=system_principal(network["HO"].ref())
            )
            await clients.create(
                ctx,
                unit_code="OUT1",
                kind="retail",
                values={"name": "钱多多", "assets_under_management": 900000},
                state="active",
                manager_id=None,
                reason="开户",
            )
            if not commits:
                raise RuntimeError("the change fails after the hook ran")
    async with db.unit_of_work(readonly=True) as session:
        counts = [
            (await session.execute(sa.select(sa.func.count()).select_from(model))).scalar_one()
            for model in (Client, LoungeVisit, OutboxRow)
        ]
    assert counts == ([1, 1, 1] if commits else [0, 0, 0])


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


async def test_its_async_view_section_is_awaited_where_it_is_on_and_absent_elsewhere(
    client: AsyncTestClient, token_for, db, network, clock
) -> None:
    await switch_on(client, token_for, "SB1")
    here, there = await open_client(client, token_for), await open_client(client, token_for, unit="OUT3")
    await client.post(VISITS, json={"client": here, "airport": "PEK"}, headers=await token_for("teller", "OUT1"))
    view = (await client.get(f"/api/v1/clients/{here}/view", headers=await token_for("teller", "OUT1"))).json()
    assert view["sections"] == [
        {
            "key": "acme_lounge",
            "title": "机场贵宾厅",
            "plugin": "acme_lounge",
            "data": {"eligible": True, "visits_this_year": 1, "free_visits_left": 3},
            # a section without fields of its own is labelled from its data's keys
            "fields": [
                {"label": "eligible", "text": "yes", "kind": "text", "value": True},
                {"label": "visits this year", "text": "1", "kind": "number", "value": 1},
                {"label": "free visits left", "text": "3", "kind": "number", "value": 3},
            ],
        }
    ]
    elsewhere = (await client.get(f"/api/v1/clients/{there}/view", headers=await token_for("teller", "OUT3"))).json()
    assert elsewhere["sections"] == []
    async with db.unit_of_work(readonly=True) as session:
        ctx = HookContext(
            session=session,
            clock=clock,
            plugins=PluginRuntime(create_plugin_manager()),
            principal=system_principal(network["HO"].ref()),
        )
        snapshot = await clients.snapshot(ctx, await clients.get(ctx, here))
        on = await ctx.plugins.call("client_view_sections", ctx, network["OUT1"].ref(), client=snapshot)
        off = await ctx.plugins.call("client_view_sections", ctx, network["OUT3"].ref(), client=snapshot)
    assert [type(s) for sections in on for s in sections] == [ViewSection] and off == []


async def test_its_welcome_leaves_after_commit_through_its_own_delivery_channel(
    client: AsyncTestClient, token_for, db, settings, clock, caplog: pytest.LogCaptureFixture
) -> None:
    admin = await switch_on(client, token_for, "HO")
    gold = await open_client(client, token_for)
    ops = await token_for("operations", "HO")
    queued = (await client.get("/api/v1/outbox", params={"topic": "acme_lounge.welcome"}, headers=ops)).json()["items"]
    assert [(m["key"], m["status"], m["unit"]) for m in queued] == [(f"acme-welcome:{gold}", "pending", "OUT1")]
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    with caplog.at_level(logging.INFO, logger="acme_lounge"):
        assert await run_job("outbox", job) == "outbox: 1 delivered, 0 to retry, 0 failed"
    sent = (await client.get("/api/v1/outbox", params={"topic": "acme_lounge.welcome"}, headers=admin)).json()["items"]
    assert [(m["status"], m["channel"]) for m in sent] == [("delivered", "acme_lounge")]
    assert f"welcome card for client {gold}" in caplog.text
