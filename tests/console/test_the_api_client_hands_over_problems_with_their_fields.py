"""The console's API client turns every failure into one exception carrying the problem
document: the API's field errors by field name, a missing thing by its type, a server that
does not answer as ``unreachable``; a draft that breaks a rule msgspec can check is refused
locally in the same shape, before any request."""

from __future__ import annotations

import pytest
from litestar import Litestar

from console.api import ApiError
from console.connection import Connection
from console.content import as_data, to_content


async def test_problems_arrive_with_their_fields_and_types(app: Litestar, token_for) -> None:
    token = (await token_for("admin", "HO"))["Authorization"].removeprefix("Bearer ")
    async with Connection.in_process(app, token).open() as api:
        await api.post("/touchpoints", dict, {"code": "door", "name": "门口迎候", "channel": "branch"})
        draft = await api.create_draft("door", to_content({"title": "迎候"}))
        bad = as_data(draft.content) | {
            "controls": [
                {
                    "key": "greet",
                    "name": "问候",
                    "kind": "compare",
                    "metric": "greet_seconds",
                    "comparator": "<=",
                    "threshold": "soon",
                }
            ]
        }
        with pytest.raises(ApiError) as invalid:
            await api.save_draft(draft.id, to_content(bad))
        assert (invalid.value.status, invalid.value.slug) == (422, "validation")
        assert invalid.value.at("controls[0].threshold") == "threshold must be a number"
        with pytest.raises(ApiError) as missing:
            await api.version("sv_nothing")
        assert (missing.value.status, missing.value.slug, missing.value.message) == (
            404,
            "not-found",
            "未找到标准版本“sv_nothing”",
        )
        with pytest.raises(ApiError) as no_reason:
            await api.retire((await api.publish(draft.id, "首版")).id, "")
        assert no_reason.value.at("reason") == "长度不得少于 1"


def test_a_rule_msgspec_knows_is_refused_before_sending() -> None:
    with pytest.raises(ApiError) as local:
        to_content({"title": "迎候", "controls": [{"key": "Greet", "name": "问候", "kind": "compare", "metric": "x"}]})
    assert local.value.problem.errors[0].field == "controls[0].key"
    assert local.value.status == 422


async def test_a_server_that_does_not_answer_is_unreachable() -> None:
    async with Connection(label="nowhere", base_url="http://127.0.0.1:9", token="ts_x").open() as api:
        with pytest.raises(ApiError) as down:
            await api.me()
    assert down.value.slug == "unreachable" and "无法连接 http://127.0.0.1:9/api/v1/" in down.value.message
