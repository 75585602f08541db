"""The API docs page, served whole by the app: Swagger UI's scripts and styles come from the
``swagger-ui-bundle`` package under ``/schema/assets``, so the page works on a bank's network
with no way out to a CDN."""

from __future__ import annotations

from litestar import Router
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

from core.api.declared import PUBLIC

ASSETS = "/schema/assets"


def docs_page() -> SwaggerRenderPlugin:
    """Swagger UI at ``/schema`` (and ``/schema/swagger``), every asset from :data:`ASSETS`."""
    return SwaggerRenderPlugin(
        path=["/", "/swagger"],
        js_url=f"{ASSETS}/swagger-ui-bundle.js",
        css_url=f"{ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
    )


def docs_assets() -> Router:
    """The router serving Swagger UI's files (public, as the docs page is)."""
    return create_static_files_router(
        path=ASSETS, directories=[swagger_ui_path], include_in_schema=False, opt={PUBLIC: True}
    )
