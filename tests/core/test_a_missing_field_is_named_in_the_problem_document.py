"""A body that lacks a required field is refused 422 naming that field, not the whole body, so a
form can show the message where the person has to type."""

from __future__ import annotations


async def test_a_missing_top_level_field_is_named_itself(client, token_for) -> None:
    response = await client.post(
        "/api/v1/units",
        json={"code": "OUT9", "name": "新网点", "level": "outlet", "parent": "SB1"},
        headers=await token_for("admin", "HO"),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "reason", "message": "为必填项"}]
    assert response.json()["detail"] == "reason: 为必填项"


async def test_a_wrongly_typed_field_keeps_its_path_and_message(client, token_for) -> None:
    response = await client.post(
        "/api/v1/units",
        json={"code": "OUT9", "name": 7, "level": "outlet", "parent": "SB1", "reason": "开业"},
        headers=await token_for("admin", "HO"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"
