"""The plugin's part of the demo: asked through ``load_demo_data`` after the core's demo
network, it switches complaints on at head office (audited, with its reason), seeds the
holiday calendar and replays a seeded sample of complaints through the plugin's services, each
step at its own moment in the past and by the staff who would act, the SLA sweep running in
between. The one-line summary is the same on both databases and the API shows its story:
every stage, escalations made by the sweep, reopened and serious orders, deadlines counted on
the seeded calendar."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from litestar.testing import AsyncTestClient

from core.clock import FrozenClock
from core.testing import AppFactory, DemoLoader
from tests.plugins.complaints.conftest import BASE, order, orders

SUMMARY = (
    "complaints: on at HO for the whole network, CN calendar 2026–2027 seeded; 72 work orders over 4 months "
    "(7 received, 4 acknowledged, 9 investigating, 1 waiting_for_client, 1 resolved, 2 replied, 48 closed; "
    "5 reopened), 8 escalated by the SLA sweep, 2 serious ones handled at HO"
)


@pytest.fixture
async def demo(run_demo: DemoLoader, make_app: AppFactory) -> AsyncIterator[tuple[str, AsyncTestClient]]:
    """The demo (300 clients) with the plugin's part: its summary, and a client of the API
    signed in as an admin at head office."""
    loaded = await run_demo(clients=300, plugins=["complaints"])
    async with AsyncTestClient(app=make_app()) as client:
        client.headers.update(loaded.headers)
        yield loaded.lines[0], client


async def test_the_demo_tells_a_complaints_story_the_api_confirms(demo, clock: FrozenClock) -> None:
    line, client = demo
    assert line == SUMMARY
    stages = re.search(r"\((.*?);", line)
    assert stages is not None
    states = {state: int(n) for n, state in re.findall(r"(\d+) ([a-z_]+)", stages[1])}
    queue = (await client.get(orders("HO"), params={"limit": 200})).json()
    assert queue["next_cursor"] is None and len(queue["items"]) == 72
    items = queue["items"]
    assert Counter(o["state"] for o in items) == states
    assert (
        len({o["received_at"][:7] for o in items}) >= 4
        and max(o["received_at"] for o in items) < clock.now().isoformat()
    )
    serious = [o for o in items if o["serious"]]
    assert len(serious) == 2 and {o["handling_unit"] for o in serious} == {"HO"}
    escalated = [o for o in items if o["escalation_level"] > 0 and not o["serious"]]
    assert len(escalated) == 8 and all(o["breached"] for o in escalated)
    figures = (await client.get(f"{orders('HO')}/summary")).json()
    open_escalated = sum(o["escalation_level"] > 0 and o["state"] != "closed" for o in items)
    assert (figures["open"], figures["escalated"]) == (72 - states["closed"], open_escalated) and figures[
        "overdue"
    ] >= 1

    detail = (await client.get(order(escalated[0]["unit"], escalated[0]["id"]))).json()
    steps = [(s["action"], s["actor"].split(":")[0]) for s in detail["steps"]]
    assert ("escalated", "system") in steps and steps[0] == ("intake", "staff")
    assert all(s["at"] < clock.now().isoformat() for s in detail["steps"])
    since = (clock.now() - dt.timedelta(days=130)).isoformat()
    report = (
        await client.get(
            f"{BASE}/reports",
            params={"unit": "HO", "depth": 0, "period": "quarter", "since": since, "until": clock.now().isoformat()},
        )
    ).json()
    whole = [row for row in report if row["category"] is None]
    assert sum(row["complaints"] for row in whole) == 72
    assert sum(round(row["reopen_rate"] * row["complaints"]) for row in whole) == int(
        re.findall(r"(\d+) reopened", line)[0]
    )

    days = (await client.get(f"{BASE}/calendars/CN", params={"year": 2026})).json()["days"]
    assert {d["source"] for d in days} == {"seed"} and any(d["kind"] == "workday" for d in days)
    audit = (await client.get("/api/v1/audit", params={"entity": "plugin_enablement"})).json()["items"]
    assert [(a["entity_id"], a["reason"]) for a in audit] == [
        ("complaints@HO", "demo: 全行投诉管理上线，升级与重大投诉由总行处理")
    ]
