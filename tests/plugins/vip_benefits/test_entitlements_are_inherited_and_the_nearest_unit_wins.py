"""Entitlements are set per unit and inherited down the tree: a sub-branch can be more
generous than head office, an outlet can withdraw a perk, clearing a rule inherits again; the
editor's page shows, per perk and tier, the rule in force and the unit that set it; a change
naming an unknown perk or tier writes nothing; every change is audited with its reason."""

from __future__ import annotations

from tests.plugins.vip_benefits.conftest import API, CAKE, LOUNGE, Programme

GOLD_LOUNGE = {"perk": "airport_lounge", "tier": "gold"}


async def test_the_nearest_rule_decides_what_a_client_may_use(vip: Programme) -> None:
    await vip.switch("HO")
    await vip.perk(LOUNGE)
    await vip.rules(
        "HO", {**GOLD_LOUNGE, "quota": 2}, {"perk": "airport_lounge", "tier": "private_banking", "quota": 6}
    )
    await vip.rules("SB1", {**GOLD_LOUNGE, "quota": 4, "period": "month", "companions": 2})
    await vip.rules("OUT2", {**GOLD_LOUNGE, "quota": 0})
    clients = {unit: await vip.open_client("gold", unit=unit) for unit in ("OUT1", "OUT2", "OUT3")}
    left = {unit: (await vip.balance(c, by=("admin", "HO"))).get("airport_lounge") for unit, c in clients.items()}
    assert (left["OUT1"]["quota"], left["OUT1"]["period"], left["OUT1"]["set_at"]) == (4, "month", "SB1")
    assert left["OUT2"] is None and (left["OUT3"]["quota"], left["OUT3"]["set_at"]) == (2, "HO")
    withdrawn = await vip.redeem(clients["OUT2"], by=("teller", "OUT2"))
    assert withdrawn.status_code == 422
    await vip.rules("OUT2", clear=[GOLD_LOUNGE])
    assert (await vip.redeem(clients["OUT2"], by=("teller", "OUT2"))).status_code == 201


async def test_the_editor_page_shows_where_rules_come_from_and_changes_are_audited_and_scoped(vip: Programme) -> None:
    await vip.switch("HO")
    await vip.perk(LOUNGE)
    await vip.perk(CAKE)
    await vip.rules("HO", {**GOLD_LOUNGE, "quota": 2}, {"perk": "birthday_cake", "tier": "gold", "quota": 1})
    saved = await vip.rules("SB1", {**GOLD_LOUNGE, "quota": 4})
    assert [
        (p["perk"], [(r["tier"], r["quota"], r["set_at"], r["inherited"]) for r in p["rules"]]) for p in saved["items"]
    ] == [("airport_lounge", [("gold", 4, "SB1", False)])]
    page = (await vip.client.get(f"{API}/units/OUT1/entitlements", headers=await vip.as_("teller", "OUT1"))).json()
    assert page["tiers"] == ["private_banking", "gold", "silver", "mass"]
    assert [
        (p["perk"], [(r["tier"], r["quota"], r["set_at"], r["inherited"]) for r in p["rules"]]) for p in page["items"]
    ] == [("airport_lounge", [("gold", 4, "SB1", True)]), ("birthday_cake", [("gold", 1, "HO", True)])]
    office = await vip.as_("head_office_service")
    bad = await vip.client.patch(
        f"{API}/units/SB1/entitlements",
        headers=office,
        json={
            "reason": "调整",
            "set": [{**GOLD_LOUNGE, "quota": 9}, {"perk": "yacht", "tier": "diamond", "quota": 1}],
            "clear": [GOLD_LOUNGE],
        },
    )
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["set[1].perk", "set[1].tier", "clear[0]"]
    assert (await vip.balance(await vip.open_client("gold"), by=("admin", "HO")))["airport_lounge"]["quota"] == 4
    audit = (
        await vip.client.get(
            "/api/v1/audit", params={"entity": "vip_benefits_entitlement"}, headers=await vip.as_("compliance")
        )
    ).json()["items"]
    assert [(e["entity_id"], e["action"], e["unit"], e["reason"]) for e in audit][-1] == (
        "airport_lounge/gold@SB1",
        "set",
        "SB1",
        "年度礼遇方案",
    )
    shanghai = await vip.as_("branch_service", "BR2")
    body = {"reason": "分行方案", "set": [{**GOLD_LOUNGE, "quota": 5}]}
    assert (await vip.client.patch(f"{API}/units/SB3/entitlements", json=body, headers=shanghai)).status_code == 200
    foreign = await vip.client.patch(f"{API}/units/SB1/entitlements", json=body, headers=shanghai)
    assert foreign.status_code == 403 and foreign.json()["type"].endswith("/out-of-scope")
