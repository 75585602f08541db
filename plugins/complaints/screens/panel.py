"""The complaints panel of the console's dashboard: the unit's open orders past a deadline,
escalated, or due within a day, counted by the API in one call."""

from __future__ import annotations

from console.sdk import FigurePanel
from plugins.complaints.i18n import _
from plugins.complaints.screens.calls import ComplaintsApi


class BreachPanel(FigurePanel):
    async def figures(self) -> list[tuple[str, str]]:
        found = await ComplaintsApi(self.api, self.unit).figures()
        return [
            (
                _("in breach of a deadline"),
                _("{overdue} of {open} open orders").format(overdue=f"{found.overdue:,}", open=f"{found.open:,}"),
            ),
            (_("escalated · due within 24 h"), f"{found.escalated:,} · {found.due_soon:,}"),
        ]
