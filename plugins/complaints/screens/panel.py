"""The complaints panel of the console's dashboard: the unit's open orders past a deadline,
escalated, or due within a day, counted by the API in one call."""

from __future__ import annotations

from console.sdk import FigurePanel
from plugins.complaints.screens.calls import ComplaintsApi


class BreachPanel(FigurePanel):
    async def figures(self) -> list[tuple[str, str]]:
        found = await ComplaintsApi(self.api, self.unit).figures()
        return [
            ("in breach of a deadline", f"{found.overdue:,} of {found.open:,} open orders"),
            ("escalated · due within 24 h", f"{found.escalated:,} · {found.due_soon:,}"),
        ]
