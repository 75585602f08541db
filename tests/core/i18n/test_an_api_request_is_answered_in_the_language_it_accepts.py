"""The API answers each request in the language its ``Accept-Language`` header prefers,
Chinese when it names none Touchstone speaks: the core's problem titles and the plugins'
messages alike, one request after another from the same server."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

URL = "/api/v1/plugins/acme_lounge/visits"


async def test_a_disabled_plugins_problem_is_titled_in_the_accepted_language(
    client: AsyncTestClient, token_for
) -> None:
    teller = await token_for("teller", "OUT1")
    answers = {}
    for header in ("en-US,en;q=0.9", None, "fr, en;q=0.5", "de", "zh-CN", "en"):
        headers = teller if header is None else {**teller, "Accept-Language": header}
        problem = (await client.get(URL, headers=headers)).json()
        answers[header] = (problem["title"], problem["detail"])
    english = ("Plugin not enabled here", "plugin 'acme_lounge' is not enabled at unit 'OUT1'")
    chinese = ("此机构未启用该插件", "插件“acme_lounge”未在机构“OUT1”启用")
    assert answers == {
        "en-US,en;q=0.9": english,
        None: chinese,
        "fr, en;q=0.5": english,
        "de": chinese,
        "zh-CN": chinese,
        "en": english,
    }


async def test_a_plugins_refusal_comes_from_its_own_catalog(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    await client.put("/api/v1/units/SB1/plugins/acme_lounge", json={"enabled": True, "reason": "试点"}, headers=admin)
    body = {"kind": "retail", "name": "钱多多", "unit": "OUT1", "reason": "开户", "assets_under_management": "60000"}
    silver = (
        await client.post("/api/v1/clients", json=body, headers=await token_for("customer_manager", "OUT1"))
    ).json()
    desk = await token_for("lobby_manager", "OUT1")
    visit = {"client": silver["id"], "airport": "PEK"}
    chinese = await client.post(URL, json=visit, headers=desk)
    english = await client.post(URL, json=visit, headers={**desk, "Accept-Language": "en"})
    assert chinese.status_code == english.status_code == 422
    assert chinese.json()["errors"] == [{"field": "client", "message": "“silver”等级的客户在 OUT1 不享有贵宾厅服务"}]
    assert english.json()["errors"] == [{"field": "client", "message": "tier 'silver' has no lounge access at OUT1"}]
