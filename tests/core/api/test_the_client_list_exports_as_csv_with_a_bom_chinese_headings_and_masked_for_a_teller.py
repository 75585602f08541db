"""``GET /clients?format=csv``: a download Excel opens in Chinese, one row per client, masked
for an outlet clerk (a teller) exactly as the JSON is."""

from __future__ import annotations

import csv
import io

from litestar.testing import AsyncTestClient

NEW = {"kind": "retail", "unit": "OUT1", "reason": "开户", "phone": "13912345678", "id_number": "110105199001011234"}


async def test_the_client_list_exports_as_csv_masked_for_a_teller(client: AsyncTestClient, token_for) -> None:
    manager = await token_for("customer_manager", "OUT1")
    for name in ("陈静", "王磊", "李娜"):
        assert (await client.post("/api/v1/clients", json={**NEW, "name": name}, headers=manager)).status_code == 201
    teller = await token_for("teller", "OUT1")

    response = await client.get("/api/v1/clients", params={"format": "csv"}, headers=teller)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="clients-20261120.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["编号", "类型", "名称", "状态", "客户等级"]
    assert "机构代码" in header and "证件号码" in header
    assert sorted(row[header.index("名称")] for row in body) == ["李娜", "王磊", "陈静"]
    assert {row[header.index("电话")] for row in body} == {"139****5678"}
    assert {row[header.index("证件号码")] for row in body} == {"110105********1234"}
    listed = (await client.get("/api/v1/clients", headers=teller)).json()["items"]
    assert [row[0] for row in body] == [item["id"] for item in listed]


async def test_the_headings_follow_the_request_language(client: AsyncTestClient, token_for) -> None:
    headers = {**await token_for("teller", "OUT1"), "Accept-Language": "en"}
    response = await client.get("/api/v1/clients", params={"format": "csv"}, headers=headers)
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:3] == ["ID", "Kind", "Name"]
    assert "Unit code" in header
