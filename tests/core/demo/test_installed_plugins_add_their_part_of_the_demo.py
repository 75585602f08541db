"""After the core's demo, every installed plugin (each still off) is asked for its part, in one
unit of work as the system; their summaries come back to be printed."""

from __future__ import annotations

from core import hookimpl
from core.context import HookContext, JobContext
from core.demo import load_network, load_plugin_demo_data
from core.plugins import PluginRuntime, create_plugin_manager
from core.services import enablement


class Storyteller:
    @hookimpl
    async def load_demo_data(self, ctx: HookContext) -> str:
        snapshot = await ctx.plugins.snapshot(ctx.session)
        await enablement.set(ctx, snapshot.by_code["BJ-CY"], "storyteller", True, reason="demo: a pilot")
        return f"storyteller: on at BJ-CY (asked as {ctx.principal.kind} at {ctx.unit.code})"


async def test_a_plugin_switches_itself_on_and_says_what_it_added(db, clock, settings) -> None:
    await load_network(db, clock, clients=20)
    runtime = PluginRuntime(create_plugin_manager(plugins=[("storyteller", Storyteller())]))
    job = JobContext(db=db, plugins=runtime, clock=clock, settings=settings)
    lines = await load_plugin_demo_data(job)
    assert "storyteller: on at BJ-CY (asked as system at HO)" in lines
    async with job.unit_of_work() as ctx:
        snapshot = await runtime.snapshot(ctx.session)
        assert await runtime.is_enabled(ctx.session, "storyteller", snapshot.by_code["BJ-CY-01"])
        assert not await runtime.is_enabled(ctx.session, "storyteller", snapshot.by_code["BJ-HD"])
