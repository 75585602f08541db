"""The intake's measurements are computed by the plugin for the standard it proposes; a bank
that adapts the standard and drops a control still takes complaints: what its version no
longer reads is left out of the event (a person's measurements would be refused instead)."""

from __future__ import annotations

import tomllib

import tomli_w
from litestar.testing import AsyncTestClient

from plugins.complaints import DEFAULT_STANDARD


async def test_a_dropped_control_leaves_its_measurement_out(
    client: AsyncTestClient, token_for, complaints_on, file, clock
) -> None:
    admin = await token_for("admin", "HO")
    adapted = tomllib.loads(DEFAULT_STANDARD.read_text())
    adapted["controls"] = [c for c in adapted["controls"] if c["key"] != "reference"]
    draft = await client.post("/api/v1/standards/import", content=tomli_w.dumps(adapted).encode(), headers=admin)
    assert draft.status_code == 201, draft.text
    await client.post(f"/api/v1/standards/{draft.json()['id']}/publish", json={"reason": "本行版本"}, headers=admin)
    clock.advance(minutes=5)
    desk = await token_for("lobby_manager", "OUT1")
    taken = await file("OUT1", headers=desk, told_time_limit=True, reference_given=True)
    event = (await client.get(f"/api/v1/events/{taken['intake_event']}", headers=admin)).json()
    assert (event["standard_version"], event["outcome"]) == (1, "pass")
    assert event["measurements"] == {"record_complete": True, "registered_within_h": 0.0, "told_time_limit": True}
