"""The Litestar app factory.

Routes come from the ``register_routes`` hook: the core's own (registered by
:mod:`core.defaults` like any plugin's) are mounted under ``/api/v1``; each plugin's under
``/api/v1/plugins/<name>`` behind a guard that answers 404, naming the plugin, where it is
not enabled (:mod:`core.api.enablement` says at which unit); :mod:`core.api.mounts` builds
those routers, and :mod:`core.api.conformance` checks them before the app starts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pluggy
from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware.base import DefineMiddleware
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

import core
from core.api.auth import PUBLIC_PATHS, TokenAuthentication
from core.api.conformance import refuse
from core.api.declared import PUBLIC
from core.api.deps import provide_ctx, provide_session
from core.api.docs_page import docs_assets, docs_page
from core.api.group_commit import EventCommitter
from core.api.language import LanguageMiddleware
from core.api.media import json_bodies_only
from core.api.mounts import mounted
from core.api.problems import EXCEPTION_HANDLERS
from core.api.text import no_nul_characters
from core.api.values import TYPE_DECODERS, ValueSchemas
from core.clock import Clock
from core.config import Settings, load_settings
from core.db.engine import Database, create_engine
from core.generations import SharedRead
from core.migrate import ensure_migrated, owner_locations
from core.plugins import PluginRuntime, create_plugin_manager
from core.services.standards import sync_plugin_touchpoints


def create_app(
    settings: Settings | None = None,
    *,
    plugin_manager: pluggy.PluginManager | None = None,
    clock: Clock | None = None,
    database: Database | None = None,
) -> Litestar:
    """Build the API for ``settings`` (default: from the environment).

    Tests pass an explicit plugin manager, a controllable clock and a database. The app
    refuses to start with a plugin that breaks a conformance rule
    (:class:`~core.errors.PluginNonConformant`) and when any owner's migrations are pending.
    """
    settings = settings or load_settings()
    runtime = PluginRuntime(plugin_manager or create_plugin_manager())
    routers = mounted(runtime)
    refuse(runtime, routers=routers)  # a plugin that breaks a conformance rule stops start-up here, named with the rule
    runtime.permissions  # noqa: B018 (built now: a plugin's conflicting permission stops start-up here)
    owned_database = database is None
    db = database or Database(create_engine(settings.database_url))

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        locations = owner_locations([loc for _, loc in runtime.collect("register_migrations")])
        await ensure_migrated(db.engine, locations)
        async with db.unit_of_work() as session:
            await sync_plugin_touchpoints(session, runtime, app.state.clock.now())
        try:
            yield
        finally:
            if owned_database:
                await db.dispose()

    clock = clock or Clock()
    return Litestar(
        route_handlers=[*(router for _, router in routers), docs_assets()],
        lifespan=[lifespan],
        state=State(
            {
                "settings": settings,
                "plugins": runtime,
                "clock": clock,
                "db": db,
                "events": EventCommitter(db, runtime, clock, settings),
                "generations": SharedRead(db),
            }
        ),
        dependencies={"session": Provide(provide_session), "ctx": Provide(provide_ctx)},
        middleware=[
            LanguageMiddleware,
            DefineMiddleware(
                TokenAuthentication, exclude=[f"^{p}" for p in PUBLIC_PATHS], exclude_from_auth_key=PUBLIC
            ),
        ],
        guards=[json_bodies_only, no_nul_characters],
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        type_decoders=TYPE_DECODERS,
        plugins=[ValueSchemas()],
        openapi_config=OpenAPIConfig(
            title="Touchstone",
            version=core.__version__,
            description="Service standards, service events, scores and plugins for a bank's branch network.",
            components=Components(
                security_schemes={"token": SecurityScheme(type="http", scheme="bearer", description="API token")}
            ),
            security=[{"token": []}],
            render_plugins=[docs_page()],
        ),
        debug=False,
    )
