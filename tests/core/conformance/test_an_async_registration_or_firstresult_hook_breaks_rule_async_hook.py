"""Rule ``async-hook``: registration hooks (``register_*``) and firstresult hooks
(``decide_client_tier``) are synchronous; an ``async def`` is named. (The core calls them
without awaiting, and to pluggy a coroutine is an answer, so it could never decline.)"""

from __future__ import annotations

from typing import Any

from core.api.conformance import EVERY_RULE, async_hook
from core.errors import Finding
from core.sdk import ClientSnapshot, HookContext, TouchpointSpec, hookimpl
from tests.core.conformance.checking import findings


class Eager:
    @hookimpl
    async def register_touchpoints(self) -> list[TouchpointSpec]:
        return []

    @hookimpl
    async def decide_client_tier(self, client: ClientSnapshot) -> str | None:
        return None

    @hookimpl
    async def client_created(self, client: ClientSnapshot, ctx: HookContext) -> None:  # an event hook may be
        pass

    @hookimpl
    def register_routes(self) -> list[Any]:
        return []


def test_each_async_registration_or_firstresult_implementation_is_named() -> None:
    assert findings(("eager", Eager()), rules=[async_hook]) == [
        Finding(
            "eager",
            "async-hook",
            "'decide_client_tier' is async, but a firstresult hook is synchronous and does "
            "no I/O (a coroutine always counts as an answer)",
        ),
        Finding(
            "eager",
            "async-hook",
            "'register_touchpoints' is async, but a registration hook is synchronous and does no I/O",
        ),
    ]


def test_the_other_rules_read_past_the_unawaited_coroutine() -> None:
    assert {f.rule for f in findings(("eager", Eager()), rules=EVERY_RULE)} == {"async-hook"}
