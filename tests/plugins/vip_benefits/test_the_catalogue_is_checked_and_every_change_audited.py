"""Head office keeps the perk catalogue: a perk names its provider (the bank, or a partner
merchant by code), how it is fulfilled, when it can be used and what it costs; rules that
fields obey together are checked, naming the field; every change is audited with its reason;
the list is filtered and paginated."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, CAKE, LOUNGE, SALON, Programme


async def test_bad_perks_are_refused_and_changes_are_audited_filtered_and_paginated(vip: Programme) -> None:
    await vip.switch("HO")
    office = await vip.as_("head_office_service")
    cases = [
        ({**LOUNGE, "merchant_code": None}, "merchant_code"),
        ({**SALON, "merchant_code": "acme"}, "merchant_code"),
        ({**CAKE, "active_from": "2027-01-01", "active_until": "2026-12-31"}, "active_until"),
        ({**CAKE, "unit_cost": "88.505"}, "unit_cost"),
        ({**CAKE, "unit_cost": "-1"}, "unit_cost"),
        ({**CAKE, "code": "Birthday Cake"}, "code"),
        ({**CAKE, "fulfilment": "drone"}, "fulfilment"),
    ]
    for body, field in cases:
        refused = await vip.client.post(f"{API}/perks", json=body, headers=office)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field, (body, refused.text)
    await vip.perk(CAKE)
    twice = await vip.client.post(f"{API}/perks", json=CAKE, headers=office)
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "code"
    listed = (await vip.client.get(f"{API}/perks", headers=office)).json()
    assert [p["code"] for p in listed["items"]] == ["birthday_cake"]
    lounge, _ = await vip.perk(LOUNGE), await vip.perk(SALON)
    assert (lounge["provider"], lounge["merchant_code"], lounge["unit_cost"], lounge["active_today"]) == (
        "merchant",
        "acme",
        "180.00",
        True,
    )
    no_reason = await vip.client.patch(f"{API}/perks/airport_lounge", json={"unit_cost": "200"}, headers=office)
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["detail"]
    changed = await vip.client.patch(
        f"{API}/perks/airport_lounge",
        json={"unit_cost": "200", "active_from": "2027-01-01", "reason": "合同续签"},
        headers=office,
    )
    assert changed.status_code == 200 and (changed.json()["unit_cost"], changed.json()["active_today"]) == (
        "200.00",
        False,
    )
    missing = await vip.client.patch(f"{API}/perks/yacht", json={"name": "游艇", "reason": "x"}, headers=office)
    assert missing.status_code == 404
    first = (await vip.client.get(f"{API}/perks", params={"limit": 2}, headers=office)).json()
    rest = (await vip.client.get(f"{API}/perks", params={"cursor": first["next_cursor"]}, headers=office)).json()
    assert [p["code"] for p in first["items"] + rest["items"]] == ["birthday_cake", "airport_lounge", "wealth_salon"]
    merchants = (await vip.client.get(f"{API}/perks", params={"provider": "merchant"}, headers=office)).json()["items"]
    usable = (await vip.client.get(f"{API}/perks", params={"active_on": "2026-12-01"}, headers=office)).json()["items"]
    assert [p["code"] for p in merchants] == ["airport_lounge"]
    assert [p["code"] for p in usable] == ["birthday_cake", "wealth_salon"]
    audit = (
        await vip.client.get(
            "/api/v1/audit", params={"entity": "vip_benefits_perk"}, headers=await vip.as_("compliance")
        )
    ).json()["items"]
    assert [(e["entity_id"], e["action"], e["reason"]) for e in audit][-1] == ("airport_lounge", "updated", "合同续签")
    assert audit[-1]["before"] == {"unit_cost": "180.00", "active_from": None}
    assert audit[-1]["after"] == {"unit_cost": "200.00", "active_from": "2027-01-01"}
