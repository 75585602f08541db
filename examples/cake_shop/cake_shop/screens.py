"""The cake shop's console screen. Only the console imports this module (through the deferred
factory in ``__init__``); it reads the plugin's own route through the console's API client."""

from __future__ import annotations

from textual.app import ComposeResult

from cake_shop.schemas import DeliveryPage
from console.sdk import PagedTable, PluginScreen, Row

CAKE_NAMES = {"black_forest": "黑森林", "mango_mille_crepe": "芒果千层", "matcha_red_bean": "抹茶红豆"}


class DeliveriesScreen(PluginScreen):
    TITLE = "生日蛋糕"
    HELP = "Birthday cakes booked for clients of this unit's subtree, oldest booking first."

    def body(self) -> ComposeResult:
        yield PagedTable(("Deliver on", "Client", "Unit", "Cake", "Greeting", "Booked by"), self.fetch, id="deliveries")

    async def fetch(self, cursor: str | None) -> tuple[list[Row], str | None]:
        found = await self.api.get("/plugins/cake_shop/deliveries", DeliveryPage, unit=self.unit, cursor=cursor)
        return [
            (d.id, (d.deliver_on.isoformat(), d.client, d.unit, CAKE_NAMES[d.cake], d.greeting, d.booked_by))
            for d in found.items
        ], found.next_cursor
