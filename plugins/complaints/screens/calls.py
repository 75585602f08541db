"""The plugin's routes as its console screens call them: typed, relative to ``/api/v1``, for
the unit the console works on. Orders are named under that unit (the enablement guard checks
the plugin is on there), which sees every order of its subtree."""

from __future__ import annotations

import msgspec

from console.sdk import ApiClient
from plugins.complaints.lifecycle import Action, State
from plugins.complaints.schemas import (
    ComplaintSettings,
    ExtensionDecisionIn,
    IntakeIn,
    NoteIn,
    OrderOut,
    OrderPage,
    QueueFigures,
    ReasonIn,
    ResolveIn,
)

BASE = "/plugins/complaints"


class _SettingsAt(msgspec.Struct):
    values: ComplaintSettings


class ComplaintsApi:
    """What the screens ask of the plugin at ``unit``, through the console's API client."""

    def __init__(self, api: ApiClient, unit: str) -> None:
        self.api = api
        self.unit = unit

    def _orders(self, unit: str | None = None) -> str:
        return f"{BASE}/units/{unit or self.unit}/complaints"

    def _order(self, order_id: str, action: str = "") -> str:
        return f"{self._orders()}/{order_id}" + (f"/{action}" if action else "")

    async def queue(
        self, cursor: str | None, *, state: State | None = None, category: str | None = None, overdue: bool = False
    ) -> OrderPage:
        return await self.api.get(
            self._orders(),
            OrderPage,
            cursor=cursor,
            state=state,
            category=category,
            overdue="true" if overdue else None,
        )

    async def figures(self) -> QueueFigures:
        return await self.api.get(f"{self._orders()}/summary", QueueFigures)

    async def categories(self) -> list[str]:
        """The categories intake accepts here (the plugin's settings in force at the unit)."""
        return (await self.api.get(f"/units/{self.unit}/plugins/complaints/settings", _SettingsAt)).values.categories

    async def order(self, order_id: str) -> OrderOut:
        return await self.api.get(self._order(order_id), OrderOut)

    async def take_in(self, unit: str, intake: IntakeIn) -> OrderOut:
        return await self.api.post(self._orders(unit), OrderOut, intake)

    async def step(self, order_id: str, action: Action, note: str) -> OrderOut:
        return await self.api.post(self._order(order_id, action), OrderOut, NoteIn(note=note))

    async def resolve(self, order_id: str, resolution: ResolveIn) -> OrderOut:
        return await self.api.post(self._order(order_id, "resolve"), OrderOut, resolution)

    async def reopen(self, order_id: str, reason: str) -> OrderOut:
        return await self.api.post(self._order(order_id, "reopen"), OrderOut, ReasonIn(reason=reason))

    async def extend(self, order_id: str, reason: str) -> OrderOut:
        return await self.api.post(self._order(order_id, "extensions"), OrderOut, ReasonIn(reason=reason))

    async def decide(self, order_id: str, extension_id: str, approve: bool, note: str) -> OrderOut:
        return await self.api.post(
            self._order(order_id, f"extensions/{extension_id}/decision"),
            OrderOut,
            ExtensionDecisionIn(approve=approve, note=note),
        )
