"""A client's identity number, phone, e-mail or address longer than the record keeps is refused
with a 422 naming the field, when the client is opened and when it is changed, and nothing is
written (PostgreSQL once refused the row and the request answered 500)."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

LIMITS = {"id_number": 40, "phone": 32, "email": 200, "address": 400}
OPEN = {"kind": "retail", "name": "钱多多", "unit": "OUT1", "reason": "开户"}


async def test_too_long_contact_fields_are_refused_naming_them(client: AsyncTestClient, token_for) -> None:
    manager = await token_for("customer_manager", "OUT1")
    for field, limit in LIMITS.items():
        refused = await client.post("/api/v1/clients", json={**OPEN, field: "1" * (limit + 1)}, headers=manager)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field, refused.text
    listed = await client.get("/api/v1/clients", params={"unit": "OUT1"}, headers=manager)
    assert listed.json()["items"] == []
    opened = await client.post("/api/v1/clients", json={**OPEN, "phone": "1" * LIMITS["phone"]}, headers=manager)
    assert opened.status_code == 201, opened.text
    for field, limit in LIMITS.items():
        refused = await client.patch(
            f"/api/v1/clients/{opened.json()['id']}", json={"reason": "更新", field: "1" * (limit + 1)}, headers=manager
        )
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field, refused.text
