"""A plugin switched off at a client's unit may still hold their data from before: the purge
reaches every installed plugin, while archiving (which can be undone) reaches only those on."""

from __future__ import annotations

from core.context import JobContext
from core.jobs import run_job
from core.plugins import PluginRuntime, create_plugin_manager
from core.testing import enable

NEW = {"kind": "retail", "name": "周杰", "unit": "OUT1", "reason": "开户", "phone": "13600001234"}


async def test_the_purge_reaches_a_plugin_switched_off_at_the_clients_unit(
    recording_client, recorder, token_for, db, network, settings, clock
) -> None:
    await enable(db, "recorder", network["HO"])
    headers = await token_for("customer_manager", "OUT1")
    client = (await recording_client.post("/api/v1/clients", json=NEW, headers=headers)).json()["id"]
    await enable(db, "recorder", network["OUT1"], enabled=False)
    await recording_client.post(f"/api/v1/clients/{client}/archive", json={"reason": "销户删除"}, headers=headers)
    clock.advance(days=31)
    job = JobContext(
        db=db,
        plugins=PluginRuntime(create_plugin_manager(plugins=[("recorder", recorder)])),
        clock=clock,
        settings=settings,
    )
    await run_job("archive-purge", job)
    assert [name for name in recorder.names() if name in {"client_created", "client_archived", "client_purged"}] == [
        "client_created",
        "client_purged",
    ]
