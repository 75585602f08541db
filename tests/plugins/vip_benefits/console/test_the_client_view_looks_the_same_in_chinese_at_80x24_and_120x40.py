"""Snapshots of a premium client's 360° view on the perks demo at a frozen time, in Chinese,
at the smallest terminal the console supports (80×24) and a roomy one (120×40): the profile
in two columns, the perks section as labelled fields in China time (scrolled into view),
the footer with the view's keys.

After an intended change of look, review the report and accept it with
``pytest tests/plugins/vip_benefits/console --snapshot-update``.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from console.screens.client_view import ClientViewScreen
from plugins.vip_benefits.schemas import RedemptionPage
from tests.plugins.vip_benefits.console.conftest import settle


async def client_view(pilot: Pilot[object]) -> None:
    console = pilot.app
    await settle(pilot)
    served = await console.api.get(  # type: ignore[attr-defined]
        "/plugins/vip_benefits/redemptions", RedemptionPage, unit="SH-PD", status="redeemed", limit=1
    )
    console.push_screen(ClientViewScreen(served.items[0].client))
    await settle(pilot)
    console.screen.query_one("#section-vip_benefits").scroll_visible(animate=False, top=True)
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_the_client_view_looks_as_accepted(size: tuple[int, int], perks_console, snap_compare) -> None:
    assert snap_compare(perks_console(), terminal_size=size, run_before=client_view)
