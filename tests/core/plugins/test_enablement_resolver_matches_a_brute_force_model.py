"""For any set of switches on the test network, the resolver answers what walking up the tree
by hand answers: on or off, and which unit decided; and it is on somewhere in a unit's subtree
exactly when walking up from one of the subtree's units finds it on."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import FrozenClock
from core.context import HookContext
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import system_principal
from core.services import enablement
from core.testing import NETWORK, START
from tests.support import Recorder

CODES = [code for code, *_ in NETWORK]
PARENTS = {code: parent for code, _, _, parent in NETWORK}


def walk_up(code: str, switches: dict[str, bool]) -> tuple[bool, str | None]:
    """The model: the nearest unit on the way to the head office that has a switch decides."""
    at: str | None = code
    while at is not None and at not in switches:
        at = PARENTS[at]
    return (switches[at], at) if at is not None else (False, None)


def subtree(code: str) -> list[str]:
    """The unit and every unit below it, by the parent links alone."""
    return [code, *(unit for child, parent in PARENTS.items() if parent == code for unit in subtree(child))]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(switches=st.dictionaries(st.sampled_from(CODES), st.booleans(), max_size=7))
async def test_the_nearest_switch_up_the_tree_decides(db, network, switches: dict[str, bool]) -> None:
    runtime = PluginRuntime(create_plugin_manager(discover=False, plugins=[("recorder", Recorder())]))
    async with db.unit_of_work() as session:
        ctx = HookContext(
            session=session, clock=FrozenClock(START), plugins=runtime, principal=system_principal(network["HO"].ref())
        )
        for code, on in switches.items():
            await enablement.set(ctx, network[code].ref(), "recorder", on, "随机")
        for code in CODES:
            unit = network[code].ref()
            expected_on, expected_by = walk_up(code, switches)
            assert await runtime.is_enabled(session, "recorder", unit) is expected_on, (code, switches)
            state = {s.plugin: s for s in await enablement.states(ctx, unit)}["recorder"]
            assert (state.enabled, state.decided_at) == (expected_on, expected_by)
            assert state.source == (
                "default" if expected_by is None else "explicit" if expected_by == code else "inherited"
            )
            anywhere_below = any(walk_up(below, switches)[0] for below in subtree(code))
            assert (await runtime.snapshot(session)).enabled_within(unit, "recorder") is anywhere_below, (
                code,
                switches,
            )
        await session.rollback()
