"""Concurrent single events share one transaction, yet each caller is checked, recorded and
answered as itself, and one failing event never fails its neighbours."""

from __future__ import annotations

import asyncio

from litestar.testing import AsyncTestClient

from core import hookimpl
from core.api.app import create_app
from core.plugins import create_plugin_manager
from core.testing import enable
from tests.core.standards.test_standards_and_events import _published


def event(unit: str, wait: int) -> dict:
    return {
        "touchpoint": "counter",
        "unit": unit,
        "occurred_at": "2026-11-20T09:30:00Z",
        "measurements": {"wait_minutes": wait, "service_log_written": True},
    }


async def test_concurrent_callers_are_answered_as_themselves(client: AsyncTestClient, token_for, clock) -> None:
    await _published(client, await token_for("admin", "HO"), clock)
    out1, out4 = await token_for("teller", "OUT1"), await token_for("teller", "OUT4")
    requests = [client.post("/api/v1/events", json=event("OUT1", i), headers=out1) for i in range(10)]
    requests += [
        client.post("/api/v1/events", json=event("OUT4", 20), headers=out4),
        client.post("/api/v1/events", json=event("OUT4", 1), headers=out1),
    ]  # OUT4 is not OUT1's
    answers = await asyncio.gather(*requests)
    assert [a.status_code for a in answers] == [201] * 11 + [422], answers[0].text
    assert answers[-1].json()["errors"][0]["field"] == "unit"
    assert answers[10].json()["outcome"] == "fail" and answers[10].json()["index"] == 0
    mine = (await client.get("/api/v1/events", headers=out4)).json()["items"]
    assert [e["unit"] for e in mine] == ["OUT4"]


class Grumpy:
    """A plugin whose hook fails for events at OUT2."""

    @hookimpl
    def service_event_recorded(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.unit.code == "OUT2":
            raise RuntimeError("grumpy")


async def test_a_failing_event_does_not_fail_the_others_in_its_group(settings, clock, network, db, token_for) -> None:
    await enable(db, "grumpy", network["HO"])
    app = create_app(settings, plugin_manager=create_plugin_manager(plugins=[("grumpy", Grumpy())]), clock=clock)
    async with AsyncTestClient(app=app) as client:
        await _published(client, await token_for("admin", "HO"), clock)
        head = await token_for("operations", "SB1")
        answers = await asyncio.gather(
            *[
                client.post("/api/v1/events", json=event(unit, 3), headers=head)
                for unit in ("OUT1", "OUT2", "OUT1", "OUT1")
            ]
        )
        assert [a.status_code for a in answers] == [201, 500, 201, 201]
        stored = (await client.get("/api/v1/events", headers=head)).json()["items"]
        assert sorted(e["unit"] for e in stored) == ["OUT1", "OUT1", "OUT1"]
