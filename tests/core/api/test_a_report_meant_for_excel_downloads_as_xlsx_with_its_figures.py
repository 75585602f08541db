"""``?format=xlsx`` on a report meant for Excel: a workbook openpyxl reads, headed in
Chinese, one row per tier of the JSON answer (the kit's network has clients of every tier), numbers stored as numbers."""

from __future__ import annotations

import io

import openpyxl
from litestar.testing import AsyncTestClient


async def test_the_tier_report_downloads_as_a_workbook_with_the_jsons_figures(
    seeded_network, client: AsyncTestClient, token_for
) -> None:
    admin = await token_for("admin", "HO")
    report = (await client.get("/api/v1/reports/tiers", headers=admin)).json()

    response = await client.get("/api/v1/reports/tiers", params={"format": "xlsx"}, headers=admin)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert all(isinstance(h, str) and h for h in header)
    assert not any(h.isascii() for h in header), header  # headed in Chinese
    assert header == ["等级", "客户"]
    assert rows == [[t["tier"], t["clients"]] for t in report["tiers"]]
    assert sum(count for _, count in rows) == report["total"] > 0
