"""Every route of the programme admits the roles its permission names and refuses the others
(403 ``forbidden``), and keeps to the caller's subtree: a unit outside it answers 403
``out-of-scope``, a record outside it 404, as if it did not exist. The table below covers
every route the plugin mounts (checked against the app), so a new route must join it."""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from core.context import JobContext
from core.jobs import run_job
from core.plugins import PluginRuntime, create_plugin_manager
from plugins.vip_benefits import care
from tests.plugins.vip_benefits.conftest import API, CAKE, LOUNGE, Programme

Case = tuple[str, str, str, dict[str, Any] | None, tuple[str, str], str | None, tuple[tuple[str, str], str, int] | None]


def plugin_routes(app: Litestar) -> set[tuple[str, str]]:
    return {
        (method, route.path.removeprefix(API))
        for route in app.routes
        if route.path.startswith(API)
        for handler in getattr(route, "route_handlers", [])
        for method in handler.http_methods - {"OPTIONS", "HEAD"}
    }


async def test_each_route_admits_its_roles_and_keeps_to_the_callers_subtree(
    vip: Programme, app: Litestar, db, settings, clock
) -> None:
    await vip.switch("HO")
    await vip.perk(LOUNGE)
    await vip.perk(CAKE)
    await vip.rules(
        "HO",
        {"perk": "airport_lounge", "tier": "gold", "quota": 5},
        {"perk": "birthday_cake", "tier": "gold", "quota": 1},
    )
    gold = await vip.open_client("gold", birthday="1980-11-22")
    kept = (await vip.redeem(gold)).json()["redemption"]["id"]
    await run_job(
        care.JOB, JobContext(db=db, plugins=PluginRuntime(create_plugin_manager()), clock=clock, settings=settings)
    )
    task = (await vip.client.get(f"{API}/care-tasks", headers=await vip.as_("teller", "OUT1"))).json()["items"][0]["id"]
    reason = {"reason": "检查"}
    rule = {"reason": "检查", "set": [{"perk": "airport_lounge", "tier": "gold", "quota": 4}]}
    report = "?since=2026-11-01T00:00:00%2B08:00&until=2026-12-01T00:00:00%2B08:00"
    far = ("teller", "OUT4")
    # method, route, concrete path, body, an allowed caller, a refused role, (outsider, path it asks, status)
    cases: list[Case] = [
        ("GET", "/perks", "/perks", None, ("teller", "OUT1"), None, None),
        (
            "POST",
            "/perks",
            "/perks",
            {**CAKE, "code": "wine_tasting"},
            ("head_office_service", "HO"),
            "branch_service",
            (("head_office_service", "OUT4"), "/perks?unit=OUT1", 403),
        ),
        ("GET", "/perks/{code:str}", "/perks/airport_lounge", None, ("teller", "OUT1"), None, None),
        (
            "PATCH",
            "/perks/{code:str}",
            "/perks/airport_lounge",
            {**reason, "unit_cost": "190"},
            ("head_office_service", "HO"),
            "branch_service",
            None,
        ),
        (
            "GET",
            "/units/{unit_code:str}/entitlements",
            "/units/OUT1/entitlements",
            None,
            ("teller", "OUT1"),
            None,
            (far, "/units/OUT1/entitlements", 403),
        ),
        (
            "PATCH",
            "/units/{unit_code:str}/entitlements",
            "/units/SB1/entitlements",
            rule,
            ("branch_service", "BR1"),
            "outlet_head",
            (("branch_service", "BR2"), "/units/SB1/entitlements", 403),
        ),
        ("GET", "/standard.toml", "/standard.toml", None, ("teller", "OUT1"), None, None),
        (
            "GET",
            "/clients/{client_id:str}/balance",
            f"/clients/{gold}/balance",
            None,
            ("teller", "OUT1"),
            None,
            (far, f"/clients/{gold}/balance", 404),
        ),
        (
            "POST",
            "/redemptions",
            "/redemptions",
            {"client": gold, "perk": "airport_lounge"},
            ("teller", "OUT1"),
            "sub_branch_head",
            (far, "/redemptions", 404),
        ),
        ("GET", "/redemptions", "/redemptions", None, ("teller", "OUT1"), None, (far, "/redemptions?unit=OUT1", 403)),
        (
            "GET",
            "/redemptions/{redemption_id:str}",
            f"/redemptions/{kept}",
            None,
            ("teller", "OUT1"),
            None,
            (far, f"/redemptions/{kept}", 404),
        ),
        (
            "POST",
            "/redemptions/{redemption_id:str}/cancel",
            f"/redemptions/{kept}/cancel",
            reason,
            ("teller", "OUT1"),
            "compliance",
            (far, f"/redemptions/{kept}/cancel", 404),
        ),
        ("GET", "/care-tasks", "/care-tasks", None, ("teller", "OUT1"), None, (far, "/care-tasks?unit=OUT1", 403)),
        (
            "POST",
            "/care-tasks/{task_id:str}/done",
            f"/care-tasks/{task}/done",
            None,
            ("customer_manager", "OUT1"),
            "teller",
            (("customer_manager", "OUT4"), f"/care-tasks/{task}/done", 404),
        ),
        (
            "GET",
            "/reports/redemptions",
            f"/reports/redemptions{report}",
            None,
            ("outlet_head", "OUT1"),
            "teller",
            (("outlet_head", "OUT4"), f"/reports/redemptions{report}&unit=OUT1", 403),
        ),
        (
            "GET",
            "/reports/utilisation",
            "/reports/utilisation",
            None,
            ("head_office_service", "HO"),
            "teller",
            (("outlet_head", "OUT4"), "/reports/utilisation?unit=OUT1", 403),
        ),
    ]
    assert {(method, route) for method, route, *_ in cases} == plugin_routes(app)
    for method, route, path, body, (role, unit), refused, outsider in cases:
        headers = {"Idempotency-Key": f"auth-{route}"}
        if outsider is not None:
            (o_role, o_unit), o_path, status = outsider
            answer = await vip.client.request(
                method, f"{API}{o_path}", json=body, headers={**await vip.as_(o_role, o_unit), **headers}
            )
            assert answer.status_code == status, (route, "outsider", answer.text)
        if refused is not None:
            answer = await vip.client.request(
                method, f"{API}{path}", json=body, headers={**await vip.as_(refused, unit), **headers}
            )
            assert (answer.status_code, answer.json()["type"].rsplit("/", 1)[1]) == (403, "forbidden"), (route, refused)
        answer = await vip.client.request(
            method, f"{API}{path}", json=body, headers={**await vip.as_(role, unit), **headers}
        )
        assert 200 <= answer.status_code < 300, (route, role, answer.text)
