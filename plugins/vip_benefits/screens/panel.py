"""The dashboard panel: how much of their perk quota the clients of the unit (and its
subtree) have used this period, and the perks used most.

One call to the utilisation report (``depth=0``: the unit alone, its subtree rolled up) and
one to the catalogue for the perks' names. The report needs ``reports.read``; a person
without it sees that said in the panel rather than an error on every dashboard visit.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict

from console.sdk import ApiError, FigurePanel, percent
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.reports import UtilisationFigure
from plugins.vip_benefits.schemas import PerkPage

TOP = 3
NAMES_PAGE = 200


def share(used: int, quota: int) -> float | None:
    return used / quota if quota else None


def top_perks(rows: list[UtilisationFigure], names: dict[str, str]) -> str:
    """The perks used most (by uses), each with the share of its quota used."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        totals[row.perk][0] += row.used
        totals[row.perk][1] += row.quota
    ranked = sorted((t for t in totals.items() if t[1][0]), key=lambda t: (-t[1][0], t[0]))[:TOP]
    return " · ".join(
        f"{names.get(perk, perk)} {used:,} ({percent(share(used, quota))})" for perk, (used, quota) in ranked
    ) or _("nothing used yet")


class UtilisationPanel(FigurePanel):
    async def figures(self) -> list[tuple[str, str]]:
        try:
            rows, perks = await asyncio.gather(
                self.api.get(
                    "/plugins/vip_benefits/reports/utilisation", list[UtilisationFigure], unit=self.unit, depth=0
                ),
                self.api.get("/plugins/vip_benefits/perks", PerkPage, unit=self.unit, limit=NAMES_PAGE),
            )
        except ApiError as error:
            if error.status != 403:
                raise
            return [(_("perk utilisation"), _("needs the reports.read permission"))]
        used, quota = sum(r.used for r in rows), sum(r.quota for r in rows)
        return [
            (
                _("quota used this period"),
                _("{share}  ({used} of {quota} uses)").format(
                    share=percent(share(used, quota)), used=f"{used:,}", quota=f"{quota:,}"
                ),
            ),
            (_("used most"), top_perks(rows, {p.code: p.name for p in perks.items})),
        ]
