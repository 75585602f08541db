"""Token bodies: what an admin sends to issue a token, and what lists show.

The secret appears in exactly one body, :class:`TokenCreated`, answered once to the admin who
asked; every other view of a token carries its id and metadata only.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

TokenStatus = Literal["live", "expired", "revoked"]
AccountName = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=100,
        pattern=r"^[\w.@+-]+$",
        description="Service account name; default '<roles>@<unit>'",
    ),
]


class ServiceAccountIn(msgspec.Struct, forbid_unknown_fields=True):
    """A service account (an integration or a script), created on first use of its name.

    Give its roles as ``roles`` (or one as ``role``); a name already in use must come with the
    same unit and roles, so issuing a token never changes what older tokens of it may do.
    """

    unit: str
    roles: list[str] = []
    role: str | None = None
    name: AccountName | None = None

    def all_roles(self) -> list[str]:
        return sorted({*self.roles, *([self.role] if self.role else [])})


class TokenCreate(msgspec.Struct, forbid_unknown_fields=True):
    """Exactly one of ``staff_id`` (a member of staff) or ``service_account``."""

    staff_id: str | None = None
    service_account: ServiceAccountIn | None = None
    days: Annotated[int, msgspec.Meta(ge=1, le=3650, description="Lifetime; default from settings")] | None = None
    label: Annotated[str, msgspec.Meta(max_length=100)] = ""


class TokenPrincipal(msgspec.Struct):
    kind: Literal["staff", "service"]
    id: str
    name: str
    roles: list[str]


class TokenOut(msgspec.Struct):
    id: str
    label: str
    principal: TokenPrincipal
    unit: str
    status: TokenStatus
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


class TokenCreated(msgspec.Struct):
    token: TokenOut
    secret: str
    """Shown this once; only its SHA-256 is stored."""


class TokenPage(msgspec.Struct):
    items: list[TokenOut]
    next_cursor: str | None
