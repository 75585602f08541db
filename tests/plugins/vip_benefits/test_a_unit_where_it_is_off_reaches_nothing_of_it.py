"""Where the programme is off, nothing of it is reached: its routes answer 404 naming the
plugin and the unit, records of clients there are refused, its lifecycle hooks are not
called (no tier move remembered, no booking cancelled) and the client 360° view has no
section of it."""

from __future__ import annotations

import sqlalchemy as sa

from plugins.vip_benefits.models import TierMove
from tests.plugins.vip_benefits.conftest import API, SALON, Programme


def disabled(response, unit: str) -> bool:  # type: ignore[no-untyped-def]
    body = response.json()
    return (response.status_code, body["type"].rsplit("/", 1)[1], body.get("plugin"), body.get("unit")) == (
        404,
        "plugin-disabled",
        "vip_benefits",
        unit,
    )


async def test_its_routes_and_records_answer_404_where_it_is_off(lounge: Programme) -> None:
    await lounge.switch("OUT2", enabled=False)
    here, off = await lounge.open_client("gold"), await lounge.open_client("gold", unit="OUT2")
    outsider = await lounge.as_("teller", "OUT3")
    for method, path in (
        ("GET", "/perks"),
        ("GET", f"/clients/{here}/balance"),
        ("GET", "/redemptions"),
        ("GET", "/care-tasks"),
        ("GET", "/units/OUT3/entitlements"),
        ("GET", "/standard.toml"),
    ):
        assert disabled(await lounge.client.request(method, f"{API}{path}", headers=outsider), "OUT3"), path
    assert disabled(await lounge.redeem(here, by=("teller", "OUT3")), "OUT3")
    head = await lounge.as_("outlet_head", "SB1")
    assert disabled(await lounge.client.get(f"{API}/clients/{off}/balance", headers=head), "OUT2")
    assert disabled(await lounge.redeem(off, by=("outlet_head", "SB1")), "OUT2")
    assert disabled(await lounge.redeem(here, by=("outlet_head", "SB1"), unit="OUT2"), "OUT2")
    assert disabled(
        await lounge.client.get(f"{API}/reports/utilisation", params={"unit": "OUT2"}, headers=head), "OUT2"
    )
    assert (await lounge.client.get(f"{API}/clients/{here}/balance", headers=head)).status_code == 200


async def test_its_hooks_are_not_called_and_the_view_has_no_section_where_it_is_off(lounge: Programme, db) -> None:
    await lounge.switch("OUT2")
    await lounge.perk(SALON, unit="SB1")
    await lounge.rules("SB1", {"perk": "wealth_salon", "tier": "gold", "quota": 1})
    on, off = await lounge.open_client("gold"), await lounge.open_client("gold", unit="OUT2")
    booking = {"scheduled_for": "2026-12-05T14:00:00+08:00"}
    for client, unit in ((on, "OUT1"), (off, "OUT2")):
        assert (await lounge.redeem(client, "wealth_salon", by=("teller", unit), **booking)).status_code == 201
    await lounge.switch("OUT2", enabled=False)
    for client, unit in ((on, "OUT1"), (off, "OUT2")):
        await lounge.set_tier(client, "silver")
        await lounge.client.post(
            f"/api/v1/clients/{client}/archive",
            json={"reason": "客户销户"},
            headers=await lounge.as_("customer_manager", unit),
        )
    async with db.unit_of_work(readonly=True) as session:
        moves = (await session.execute(sa.select(sa.func.count()).select_from(TierMove))).scalar_one()
    assert moves == 1
    head = await lounge.as_("outlet_head", "SB1")
    listed = (await lounge.client.get(f"{API}/redemptions", params={"perk": "wealth_salon"}, headers=head)).json()[
        "items"
    ]
    assert sorted((r["unit"], r["status"]) for r in listed) == [("OUT1", "cancelled"), ("OUT2", "booked")]
    for client, unit, expected in ((on, "OUT1", ["vip_benefits"]), (off, "OUT2", [])):
        view = (
            await lounge.client.get(f"/api/v1/clients/{client}/view", headers=await lounge.as_("teller", unit))
        ).json()
        assert [s["plugin"] for s in view["sections"]] == expected
