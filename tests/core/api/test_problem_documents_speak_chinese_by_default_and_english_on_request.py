"""A problem document's ``title``, ``detail`` and field messages read in Chinese unless the
request asks for English with ``Accept-Language: en``; its ``type``, field names and the values
it quotes are the same in both."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from core.testing import TokenFactory

ENGLISH = {"Accept-Language": "en"}
NEW_OUTLET = {"code": "OUT9", "name": "新网点", "level": "outlet", "parent": "SB1"}


async def _both(
    client: AsyncTestClient, method: str, url: str, headers: dict[str, str], **kw: Any
) -> tuple[dict, dict]:
    """The same request's problem document by default and in English."""
    chinese = await client.request(method, url, headers=headers, **kw)
    english = await client.request(method, url, headers={**headers, **ENGLISH}, **kw)
    assert chinese.status_code == english.status_code >= 400
    assert chinese.headers["content-type"] == english.headers["content-type"] == "application/problem+json"
    assert chinese.json()["type"] == english.json()["type"]
    return chinese.json(), english.json()


async def test_a_missing_field_is_named_in_chinese_and_in_english(client, token_for: TokenFactory) -> None:
    chinese, english = await _both(client, "POST", "/api/v1/units", await token_for("admin", "HO"), json=NEW_OUTLET)
    assert (chinese["title"], chinese["detail"]) == ("输入有误", "reason: 为必填项")
    assert chinese["errors"] == [{"field": "reason", "message": "为必填项"}]
    assert (english["title"], english["detail"]) == ("Invalid input", "reason: is required")


async def test_a_wrongly_typed_field_says_the_types_and_keeps_their_names(client, token_for: TokenFactory) -> None:
    body = {**NEW_OUTLET, "name": 7, "reason": "开业"}
    chinese, english = await _both(client, "POST", "/api/v1/units", await token_for("admin", "HO"), json=body)
    assert chinese["errors"] == [{"field": "name", "message": "应为 str 类型，实际为 int"}]
    assert english["errors"] == [{"field": "name", "message": "expected str, got int"}]


async def test_a_value_outside_its_choices_quotes_it_untranslated(client, token_for: TokenFactory) -> None:
    body = {**NEW_OUTLET, "level": "planet", "reason": "开业"}
    chinese, english = await _both(client, "POST", "/api/v1/units", await token_for("admin", "HO"), json=body)
    assert chinese["detail"] == "level: 'planet' 不是允许的取值"
    assert english["detail"] == "level: 'planet' is not an allowed value"


async def test_a_rule_the_service_checks_is_said_in_chinese(client, token_for: TokenFactory) -> None:
    body = {**NEW_OUTLET, "parent": "HO", "reason": "开业"}
    chinese, english = await _both(client, "POST", "/api/v1/units", await token_for("admin", "HO"), json=body)
    assert chinese["errors"] == [{"field": "parent", "message": "outlet 应隶属于 sub_branch，而不是 head_office"}]
    assert english["errors"] == [
        {"field": "parent", "message": "a outlet belongs under a sub_branch, not a head_office"}
    ]


async def test_a_second_head_office_is_a_conflict_said_in_chinese(client, token_for: TokenFactory) -> None:
    body = {"code": "HO2", "name": "第二总行", "level": "head_office", "reason": "试验"}
    chinese, english = await _both(client, "POST", "/api/v1/units", await token_for("admin", "HO"), json=body)
    assert chinese["status"] == 409
    assert (chinese["title"], chinese["detail"]) == ("状态冲突", "总行已存在，其他机构均须有上级机构")
    assert (english["title"], english["detail"]) == (
        "Conflict",
        "there is already a head office; every other unit needs a parent",
    )


async def test_a_role_without_the_permission_is_refused_in_chinese(client, token_for: TokenFactory) -> None:
    body = {**NEW_OUTLET, "reason": "开业"}
    chinese, english = await _both(client, "POST", "/api/v1/units", await token_for("teller", "OUT1"), json=body)
    assert chinese["status"] == 403
    assert (chinese["title"], chinese["detail"]) == ("无权操作", "角色 teller 无权执行 org.write")
    assert (english["title"], english["detail"]) == ("Forbidden", "role(s) teller may not org.write")
    assert chinese["required"] == english["required"] == ["org.write"]


async def test_an_unknown_client_is_not_found_in_chinese(client, token_for: TokenFactory) -> None:
    chinese, english = await _both(client, "GET", "/api/v1/clients/cl_nobody", await token_for("teller", "OUT1"))
    assert chinese["status"] == 404
    assert (chinese["title"], chinese["detail"]) == ("未找到", "未找到客户“cl_nobody”")
    assert (english["title"], english["detail"]) == ("Not found", "no client 'cl_nobody'")


async def test_an_unknown_path_is_not_found_in_chinese(client, token_for: TokenFactory) -> None:
    chinese, english = await _both(client, "GET", "/api/v1/no-such-thing", await token_for("teller", "OUT1"))
    assert (chinese["title"], chinese["detail"]) == ("未找到", "本 API 没有该路径")
    assert (english["title"], english["detail"]) == ("Not found", "no such path in this API")


@pytest.mark.parametrize("touchstone_plugins", [["vip_benefits"]])
async def test_a_plugin_problem_speaks_through_the_plugins_catalog(
    client, token_for: TokenFactory, enable_plugin
) -> None:
    await enable_plugin("vip_benefits")
    url = "/api/v1/plugins/vip_benefits/perks/no_such_perk"
    chinese, english = await _both(client, "GET", url, await token_for("admin", "HO"))
    assert chinese["status"] == 404
    assert (chinese["title"], chinese["detail"]) == ("未找到", "礼遇目录中没有“no_such_perk”")
    assert (english["title"], english["detail"]) == ("Not found", "no perk 'no_such_perk' in the catalogue")
