"""An ``Idempotency-Key`` makes a spending POST safe to re-send: the same key and body replay
the first answer (marked as a replay), another body is refused naming the header, and the
answers are forgotten by the expiry job only after the retention period."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa
from litestar import Litestar, Response, post
from litestar.params import JSONBody
from litestar.testing import AsyncTestClient

from core import hookimpl
from core.api.app import create_app
from core.api.auth import requires
from core.api.deps import Ctx
from core.api.idempotency import RequiredIdempotencyKey, idempotent
from core.context import JobContext
from core.jobs import run_job
from core.models import AuditEntry, IdempotencyRecord
from core.plugins import PluginRuntime, create_plugin_manager
from core.testing import enable

pytestmark = pytest.mark.usefixtures("english")  # compares the jobs' English summaries


class SpendIn(msgspec.Struct):
    amount: int


class SpendOut(msgspec.Struct):
    spent: int
    count: int


class Spender:
    """A plugin whose one route spends something and counts how often it really did."""

    def __init__(self) -> None:
        self.count = 0

    @hookimpl
    def register_routes(self) -> list[Any]:
        @post("/spend", guards=[requires("events.record")])
        async def spend(
            ctx: Ctx, data: JSONBody[SpendIn], idempotency_key: RequiredIdempotencyKey
        ) -> Response[SpendOut]:
            async def produce() -> SpendOut:
                self.count += 1
                ctx.audit(entity="spend", entity_id=str(self.count), action="spent", after={"amount": data.amount})
                return SpendOut(spent=data.amount, count=self.count)

            return await idempotent(
                ctx, scope="spender.spend", key=idempotency_key, body=data, answer_type=SpendOut, produce=produce
            )

        return [spend]


URL = "/api/v1/plugins/spender/spend"


@pytest.fixture
def spender() -> Spender:
    return Spender()


@pytest.fixture
async def spending_client(settings, clock, network, db, spender) -> AsyncIterator[AsyncTestClient[Litestar]]:
    await enable(db, "spender", network["HO"])
    app = create_app(settings, plugin_manager=create_plugin_manager(plugins=[("spender", spender)]), clock=clock)
    async with AsyncTestClient(app=app) as client:
        yield client


async def test_the_same_key_and_body_replay_the_first_answer_without_spending_again(
    spending_client, token_for, spender, db
) -> None:
    headers = {**await token_for("teller", "OUT1"), "Idempotency-Key": "k-1"}
    first = await spending_client.post(URL, json={"amount": 5}, headers=headers)
    again = await spending_client.post(URL, json={"amount": 5}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() == {"spent": 5, "count": 1}
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert spender.count == 1
    async with db.unit_of_work(readonly=True) as session:
        audited = (
            await session.execute(
                sa.select(sa.func.count()).select_from(AuditEntry).where(AuditEntry.entity == "spend")
            )
        ).scalar_one()
    assert audited == 1


async def test_the_same_key_with_another_body_is_refused_naming_the_header(spending_client, token_for, spender) -> None:
    headers = {**await token_for("teller", "OUT1"), "Idempotency-Key": "k-2"}
    await spending_client.post(URL, json={"amount": 5}, headers=headers)
    refused = await spending_client.post(URL, json={"amount": 6}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "Idempotency-Key"
    assert spender.count == 1


async def test_keys_belong_to_their_caller(spending_client, token_for, spender) -> None:
    one = {**await token_for("teller", "OUT1"), "Idempotency-Key": "shared"}
    other = {**await token_for("teller", "OUT2"), "Idempotency-Key": "shared"}
    await spending_client.post(URL, json={"amount": 5}, headers=one)
    answer = await spending_client.post(URL, json={"amount": 7}, headers=other)
    assert answer.status_code == 201 and answer.json()["count"] == 2


async def test_a_request_without_the_required_key_is_refused_before_spending(
    spending_client, token_for, spender
) -> None:
    refused = await spending_client.post(URL, json={"amount": 5}, headers=await token_for("teller", "OUT1"))
    assert refused.status_code == 400 and "Idempotency-Key" in refused.json()["detail"]
    assert spender.count == 0


async def test_answers_are_kept_at_least_a_day_then_forgotten_by_the_expiry_job(
    spending_client, token_for, db, settings, clock, spender
) -> None:
    headers = {**await token_for("teller", "OUT1"), "Idempotency-Key": "k-3"}
    await spending_client.post(URL, json={"amount": 5}, headers=headers)
    job = JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    clock.advance(hours=47)
    assert "0 kept answers" in await run_job("expire-idempotency-keys", job)
    assert (await spending_client.post(URL, json={"amount": 5}, headers=headers)).headers[
        "Idempotent-Replayed"
    ] == "true"
    clock.advance(hours=2)
    assert "1 kept answers" in await run_job("expire-idempotency-keys", job)
    async with db.unit_of_work(readonly=True) as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(IdempotencyRecord))).scalar_one() == 0
