"""The core's endpoints as typed methods: what the console's own screens call.

Each method is one request (lists of children follow their cursor), named after what a
person does, returning the API's own body Structs.
"""

from __future__ import annotations

import datetime as dt

from console.api.client import ApiClient
from console.api.schemas import (
    ComplianceRow,
    Me,
    NonconformitySummary,
    PilotComparison,
    PluginState,
)
from core.api.schemas.clients import Client360, ClientPage, HistoryPage
from core.api.schemas.org import UnitDetail, UnitPage
from core.api.schemas.plugins import Switch
from core.api.schemas.staff import StaffPage
from core.api.schemas.standards import (
    DraftIn,
    PilotIn,
    StandardContent,
    StepIn,
    TouchpointOut,
    VersionDiff,
    VersionOut,
)
from core.api.schemas.tiers import TierDistribution

CHILDREN_PAGE = 200


class TouchstoneApi(ApiClient):
    """The API as the console's screens use it (plugin screens get the same object)."""

    # --- who and where ------------------------------------------------------------------

    async def me(self) -> Me:
        return await self.get("/me", Me)

    async def unit(self, code: str) -> UnitDetail:
        return await self.get(f"/units/{code}", UnitDetail)

    async def children(self, code: str) -> list[UnitDetail]:
        units: list[UnitDetail] = []
        cursor: str | None = None
        while True:
            page = await self.get("/units", UnitPage, parent=code, cursor=cursor, limit=CHILDREN_PAGE)
            units += page.items
            if not (cursor := page.next_cursor):
                return units

    async def staff(self, unit: str, cursor: str | None = None) -> StaffPage:
        return await self.get("/staff", StaffPage, unit=unit, cursor=cursor)

    # --- plugins at a unit --------------------------------------------------------------

    async def unit_plugins(self, unit: str) -> list[PluginState]:
        return await self.get(f"/units/{unit}/plugins", list[PluginState])

    async def switch_plugin(self, unit: str, plugin: str, enabled: bool, reason: str) -> list[PluginState]:
        return await self.put(
            f"/units/{unit}/plugins/{plugin}", list[PluginState], Switch(enabled=enabled, reason=reason)
        )

    async def inherit_plugin(self, unit: str, plugin: str, reason: str) -> list[PluginState]:
        """Clear the unit's own switch so it inherits from above again."""
        return await self.delete(f"/units/{unit}/plugins/{plugin}", list[PluginState], reason=reason)

    # --- touchpoint standards -----------------------------------------------------------

    async def touchpoints(self) -> list[TouchpointOut]:
        return await self.get("/touchpoints", list[TouchpointOut])

    async def versions(self, touchpoint: str) -> list[VersionOut]:
        return await self.get(f"/touchpoints/{touchpoint}/versions", list[VersionOut])

    async def version(self, version_id: str) -> VersionOut:
        return await self.get(f"/standards/{version_id}", VersionOut)

    async def create_draft(self, touchpoint: str, content: StandardContent | None = None) -> VersionOut:
        """A draft copied from the version in force (or with ``content``)."""
        return await self.post(f"/touchpoints/{touchpoint}/versions", VersionOut, DraftIn(content=content))

    async def save_draft(self, version_id: str, content: StandardContent) -> VersionOut:
        return await self.put(f"/standards/{version_id}", VersionOut, content)

    async def start_pilot(self, version_id: str, units: list[str], reason: str) -> VersionOut:
        return await self.post(f"/standards/{version_id}/pilot", VersionOut, PilotIn(units=units, reason=reason))

    async def publish(self, version_id: str, reason: str) -> VersionOut:
        return await self.post(f"/standards/{version_id}/publish", VersionOut, StepIn(reason=reason))

    async def retire(self, version_id: str, reason: str) -> VersionOut:
        return await self.post(f"/standards/{version_id}/retire", VersionOut, StepIn(reason=reason))

    async def diff(self, version_id: str, other_id: str) -> VersionDiff:
        return await self.get(f"/standards/{version_id}/diff/{other_id}", VersionDiff)

    async def export_toml(self, touchpoint: str, number: int | None = None) -> str:
        return await self.get_text(f"/touchpoints/{touchpoint}/standard.toml", version=number)

    async def import_toml(self, text: str) -> VersionOut:
        return await self.post_text("/standards/import", text, VersionOut)

    # --- reports ------------------------------------------------------------------------

    async def compliance(
        self, unit: str, since: dt.datetime, until: dt.datetime, *, period: str = "month", depth: int = 1
    ) -> list[ComplianceRow]:
        return await self.get(
            "/reports/compliance",
            list[ComplianceRow],
            unit=unit,
            since=since.isoformat(),
            until=until.isoformat(),
            period=period,
            depth=depth,
        )

    async def nonconformities(self, unit: str, depth: int = 1) -> list[NonconformitySummary]:
        return await self.get("/reports/nonconformities", list[NonconformitySummary], unit=unit, depth=depth)

    async def tiers(self, unit: str) -> TierDistribution:
        return await self.get("/reports/tiers", TierDistribution, unit=unit)

    async def pilot_report(self, version_id: str) -> PilotComparison:
        return await self.get(f"/reports/pilots/{version_id}", PilotComparison)

    # --- clients ------------------------------------------------------------------------

    async def clients(
        self, unit: str, *, q: str | None = None, tier: str | None = None, cursor: str | None = None
    ) -> ClientPage:
        return await self.get("/clients", ClientPage, unit=unit, q=q or None, tier=tier, cursor=cursor)

    async def client_view(self, client_id: str) -> Client360:
        return await self.get(f"/clients/{client_id}/view", Client360)

    async def client_history(self, client_id: str, cursor: str | None = None) -> HistoryPage:
        return await self.get(f"/clients/{client_id}/history", HistoryPage, cursor=cursor)
