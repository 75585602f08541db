"""Authentication (bearer API tokens) and the guards every route uses.

Routes never ask for a role: they ask for a permission (``requires("clients.read")``),
and the app's permission table (:data:`core.principal.PERMISSIONS` plus what plugins add
through ``register_permissions``) says which roles hold it. Unit scope (a principal
sees its unit's subtree only) is checked by the services, which know which unit a record
belongs to.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from core.i18n import _
from core.principal import Principal
from core.services import tokens

PUBLIC_PATHS = {"/schema", "/api/v1/health"}


def unauthenticated(detail: str, *, error: str | None = None) -> NotAuthorizedException:
    """A 401 with the challenge RFC 6750 asks for (``error`` when a token came and failed)."""
    challenge = 'Bearer realm="touchstone"' + (f', error="{error}"' if error else "")
    return NotAuthorizedException(detail, headers={"WWW-Authenticate": challenge})


class TokenAuthentication(AbstractAuthenticationMiddleware):
    """Resolves ``Authorization: Bearer ts_…`` to a :class:`Principal` on ``request.user``."""

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        scheme, _sep, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret:
            raise unauthenticated(_("send an API token as 'Authorization: Bearer <token>'"))
        state = connection.app.state
        key = tokens.hash_token(secret.strip())
        now = state.clock.now()
        label = tokens.cache_label(await state.generations.read())  # first: what is read after it is as new
        principal = state.plugins.principals.get(key, now, label)
        if principal is None:
            async with state.db.unit_of_work(readonly=True) as session:
                found = await tokens.authenticate(session, secret.strip(), now, state.plugins.permissions)
            if found is None:
                raise unauthenticated(_("the API token is unknown, expired or revoked"), error="invalid_token")
            principal, expires_at = found
            state.plugins.principals.put(key, principal, expires_at, label)
        return AuthenticationResult(user=principal, auth=secret)


class Requires:
    """The guard :func:`requires` builds. Its ``actions`` are how the app knows a route
    declares who may call it (a plugin route that declares nothing is refused at start-up)."""

    def __init__(self, actions: tuple[str, ...]) -> None:
        if not actions:
            raise ValueError("requires() names at least one permission")
        self.actions = actions
        self.__name__ = f"requires_{'_'.join(actions)}"

    def __call__(self, connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
        principal: Principal = connection.user
        missing = [action for action in self.actions if not principal.can(action)]
        if missing:
            raise PermissionDeniedException(
                _("role(s) {roles} may not {actions}").format(
                    roles=", ".join(sorted(principal.roles)), actions=", ".join(missing)
                ),
                extra={"required": missing},
            )


def requires(*actions: str) -> Requires:
    """A guard admitting principals allowed every one of ``actions``."""
    return Requires(actions)
