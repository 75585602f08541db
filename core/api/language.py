"""Each API request is answered in the language its ``Accept-Language`` header prefers.

A plain ASGI middleware, outermost in the app, so everything the request runs (guards,
handlers, their hooks and the problem documents of what they raise) speaks that language;
a header naming no supported language, or none at all, leaves the process default
(``TOUCHSTONE_LANG``, else Chinese). The language lives in a context variable, so requests
in flight at once each keep their own (see :mod:`core.i18n`).
"""

from __future__ import annotations

from litestar.types import ASGIApp, Receive, Scope, Send

from core.i18n import language, negotiate


class LanguageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        header = ", ".join(
            value.decode("latin-1") for name, value in scope.get("headers", ()) if name == b"accept-language"
        )
        with language(negotiate(header)):
            await self.app(scope, receive, send)
