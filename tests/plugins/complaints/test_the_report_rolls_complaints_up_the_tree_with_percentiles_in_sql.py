"""The complaint report, computed in SQL on either database, against a model computed in
Python from the same facts: per unit (each rolled up from its subtree) and category, and for
every category together: complaints per 10,000 clients, median and 90th-percentile hours to
first contact and to resolution (continuous percentiles), and the breach, justified and
reopen rates."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from litestar.testing import AsyncTestClient

from core.testing import START
from tests.plugins.complaints.conftest import order

pytestmark = pytest.mark.usefixtures("english")  # compares the English text of a rule or a job's summary

REPORT = "/api/v1/plugins/complaints/reports"
SUBTREE = {
    "HO": {"OUT1", "OUT2", "OUT3", "OUT4"},
    "BR1": {"OUT1", "OUT2", "OUT3"},
    "BR2": {"OUT4"},
    "SB1": {"OUT1", "OUT2"},
    "SB2": {"OUT3"},
    "SB3": {"OUT4"},
}
CLIENTS = {"OUT1": 2, "OUT3": 1}
# unit, category, hours to first contact, hours to resolution, justified, disputed (reopened)
FACTS = [
    ("OUT1", "waiting_time", 1, 50, True, True),
    ("OUT1", "waiting_time", 2, None, None, False),
    ("OUT1", "waiting_time", 9, None, None, False),
    ("OUT1", "fees", None, None, None, False),
    ("OUT2", "waiting_time", 5, 60, False, False),
    ("OUT3", "fees", 30, None, None, False),
]
BREACHED = {3}  # nobody called the client of the fourth complaint: the sweep finds it overdue


def percentile(values: list[float], p: float) -> float | None:
    """Continuous percentile (linear interpolation between the closest ranks)."""
    if not values:
        return None
    ordered, position = sorted(values), p * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (position - low) * (ordered[high] - ordered[low]), 2)


def expected(unit: str, category: str | None) -> dict:
    rows = [(i, f) for i, f in enumerate(FACTS) if f[0] in SUBTREE[unit] and category in (None, f[1])]
    first = [float(f[2]) for _, f in rows if f[2] is not None]
    resolved = [float(f[3]) for _, f in rows if f[3] is not None]
    decided = [f[4] for _, f in rows if f[4] is not None]
    clients = sum(CLIENTS.get(u, 0) for u in SUBTREE[unit])
    return {
        "unit": unit,
        "category": category,
        "complaints": len(rows),
        "per_10k_clients": round(len(rows) * 10_000 / clients, 2) if clients else None,
        "first_contact_hours_median": percentile(first, 0.5),
        "first_contact_hours_p90": percentile(first, 0.9),
        "resolution_hours_median": percentile(resolved, 0.5),
        "resolution_hours_p90": percentile(resolved, 0.9),
        "breach_rate": round(sum(i in BREACHED for i, _ in rows) / len(rows), 4),
        "justified_rate": round(sum(decided) / len(decided), 4) if decided else None,
        "reopen_rate": round(sum(f[5] for _, f in rows) / len(rows), 4),
    }


async def test_the_report_matches_the_model_within_the_callers_scope(
    client: AsyncTestClient, token_for, complaints_on, file, sweep, clock
) -> None:
    manager = await token_for("customer_manager", "OUT1")
    for unit, count in CLIENTS.items():
        for n in range(count):
            await client.post(
                "/api/v1/clients",
                headers=await token_for("customer_manager", unit),
                json={"kind": "retail", "name": f"客户{n}", "unit": unit, "reason": "开户", "state": "active"},
            )
    ids = [
        (await file(unit, category=category, headers=manager if unit == "OUT1" else None))["summary"]["id"]
        for unit, category, *_ in FACTS
    ]
    admin = await token_for("admin", "HO")
    timeline = sorted(
        [(f[2], i, ("acknowledge", "investigate")) for i, f in enumerate(FACTS) if f[2] is not None]
        + [
            (f[3], i, ("resolve", "reply", "reopen") if f[5] else ("resolve",))
            for i, f in enumerate(FACTS)
            if f[3] is not None
        ]
    )
    for hours, i, actions in timeline:
        clock.set(START + dt.timedelta(hours=hours))
        for action in actions:
            body = (
                {"resolution": "处理完毕", "justified": FACTS[i][4], "apology_given": True}
                if action == "resolve"
                else {"reason": "客户不认可"}
                if action == "reopen"
                else {}
            )
            moved = await client.post(order(FACTS[i][0], ids[i], action), json=body, headers=admin)
            assert moved.status_code == 200, moved.text
    clock.set(START + dt.timedelta(days=4))
    assert await sweep() == "complaints-sla: 1 escalations (1 first contact, 0 decision)"

    response = await client.get(
        REPORT,
        headers=admin,
        params={
            "unit": "HO",
            "depth": 2,
            "period": "month",
            "since": "2026-11-01T00:00:00+08:00",
            "until": "2026-12-01T00:00:00+08:00",
        },
    )
    assert response.status_code == 200, response.text
    rows = response.json()
    assert {r["period"] for r in rows} == {"2026-11-01"}
    got = {
        (r["unit"], r["category"]): {k: v for k, v in r.items() if k not in ("unit_name", "level", "period")}
        for r in rows
    }
    keys = {
        (u, c)
        for u in SUBTREE
        for c in (None, "waiting_time", "fees")
        if any(f[0] in SUBTREE[u] and c in (None, f[1]) for f in FACTS)
    }
    assert got == {key: expected(*key) for key in keys}
    assert (
        got[("SB1", None)]["first_contact_hours_median"] == 3.5 and got[("SB1", None)]["first_contact_hours_p90"] == 7.8
    )

    branch = await token_for("branch_service", "BR2")
    backwards = await client.get(
        REPORT, headers=branch, params={"since": "2026-12-01T00:00:00+08:00", "until": "2026-11-01T00:00:00+08:00"}
    )
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "until"
    elsewhere = await client.get(
        REPORT,
        headers=branch,
        params={"unit": "BR1", "since": "2026-11-01T00:00:00+08:00", "until": "2026-12-01T00:00:00+08:00"},
    )
    assert elsewhere.status_code == 403
