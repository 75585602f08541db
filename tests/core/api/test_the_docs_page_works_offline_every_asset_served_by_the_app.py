"""The API docs page needs no internet: every script, style and icon it references is served by
the app itself, and no other host is named in it."""

from __future__ import annotations

import re

from litestar.testing import AsyncTestClient

REFERENCE = re.compile(r"""(?:src|href)=['"]([^'"]+)['"]""")


async def test_the_docs_page_references_only_assets_the_app_serves(client: AsyncTestClient) -> None:
    for page in ("/schema", "/schema/swagger"):
        response = await client.get(page)
        assert response.status_code == 200
        assert "http://" not in response.text and "https://" not in response.text
        assets = REFERENCE.findall(response.text)
        assert len(assets) >= 3
        for asset in assets:
            assert asset.startswith("/"), asset
            served = await client.get(asset)
            assert served.status_code == 200, asset
            assert served.content
