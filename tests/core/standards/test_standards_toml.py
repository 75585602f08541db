"""Standards round-trip through TOML files with a stable key order; a file that breaks a rule
is refused whole, naming the line."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from tests.core.standards.test_standards_and_events import COUNTER


async def _export(client: AsyncTestClient, admin) -> str:  # type: ignore[no-untyped-def]
    await client.post(
        "/api/v1/touchpoints", json={"code": "counter", "name": "柜面服务", "channel": "branch"}, headers=admin
    )
    draft = (await client.post("/api/v1/touchpoints/counter/versions", json={"content": COUNTER}, headers=admin)).json()
    await client.post(f"/api/v1/standards/{draft['id']}/publish", json={"reason": "发布"}, headers=admin)
    response = await client.get("/api/v1/touchpoints/counter/standard.toml", headers=admin)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/toml")
    return response.text


async def test_an_exported_standard_imports_back_as_an_identical_draft(client: AsyncTestClient, token_for) -> None:
    admin = await token_for("admin", "HO")
    text = await _export(client, admin)
    assert text.index("[touchpoint]") < text.index("[standard]") < text.index("[outputs]") < text.index("[[controls]]")
    assert 'title = "柜面服务标准"' in text and "threshold = 15" in text
    imported = await client.post("/api/v1/standards/import", content=text.encode(), headers=admin)
    assert imported.status_code == 201, imported.text
    assert imported.json()["status"] == "draft" and imported.json()["number"] == 2
    versions = (await client.get("/api/v1/touchpoints/counter/versions", headers=admin)).json()
    assert imported.json()["content"] == versions[0]["content"]
    again = await client.get("/api/v1/touchpoints/counter/standard.toml", params={"version": 2}, headers=admin)
    assert again.text.replace('status = "draft"', 'status = "published"').replace("version = 2", "version = 1") == text


async def test_a_file_that_breaks_a_rule_is_refused_whole_naming_the_line(
    client: AsyncTestClient, token_for, english
) -> None:
    admin = await token_for("admin", "HO")
    text = await _export(client, admin)
    broken = text.replace("threshold = 15", 'threshold = "fifteen"')
    line = broken.splitlines().index('threshold = "fifteen"') + 1
    response = await client.post("/api/v1/standards/import", content=broken.encode(), headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "controls[0].threshold", "message": f"line {line}: threshold must be a number"}
    ]
    versions = (await client.get("/api/v1/touchpoints/counter/versions", headers=admin)).json()
    assert len(versions) == 1


async def test_a_file_with_bad_toml_syntax_is_refused(client: AsyncTestClient, token_for) -> None:
    response = await client.post(
        "/api/v1/standards/import", content=b"[touchpoint\ncode = 1", headers=await token_for("admin", "HO")
    )
    assert response.status_code == 422 and "line 1" in response.json()["detail"]
