"""Writing and reading the audit log.

:func:`record` is what :meth:`HookContext.audit` calls: the entry joins the unit of work of the
change, so a change and its entry commit or vanish together. Reading follows the tree: a
principal reads entries at units in its subtree; network-wide entries only from head office.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.base import json_ready
from core.errors import FieldProblem
from core.i18n import _
from core.models import AuditEntry, OrgUnit
from core.principal import Principal
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext


def record(
    session: AsyncSession,
    *,
    principal: Principal,
    at: dt.datetime,
    unit: UnitRef | None,
    entity: str,
    entity_id: str,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """Add an audit entry to the current unit of work (it commits with the change)."""
    session.add(
        AuditEntry(
            at=at,
            actor=principal.label,
            actor_name=principal.name,
            unit_id=unit.id if unit else None,
            entity=entity,
            entity_id=entity_id,
            action=action,
            before=json_ready(before) if before is not None else None,
            after=json_ready(after) if after is not None else None,
            reason=reason,
        )
    )


async def visible(
    ctx: HookContext, unit_id: sa.SQLColumnExpression[int | None], unit: str | None
) -> sa.ColumnElement[bool]:
    """Rows at units in the caller's subtree (or in ``unit``'s, which must be in scope).

    Rows at no unit (network-wide changes, messages of jobs) are visible only to head-office
    principals who named no unit. The query must join :class:`OrgUnit` on ``unit_id``.
    """
    from core.services.scope import (  # scope imports the context, which imports us
        in_subtree,
        unit_in_scope,
    )

    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    network_wide = unit_id.is_(None) if ctx.principal.unit.level == "head_office" and not unit else sa.false()
    return sa.or_(in_subtree(scope), network_wide)


def _aware(field: str, value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        raise FieldProblem.one(field, _("give a timezone, e.g. 2026-11-20T09:00:00Z"))
    return value


async def search(
    ctx: HookContext,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    actor: str | None = None,
    unit: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> sa.Select[AuditEntry, str | None]:
    """Entries visible to the caller (see :func:`visible`), each with its unit's code, by
    entity, entity id, actor label (``staff:st_…``) and the half-open period ``[since, until)``."""
    since, until = _aware("since", since), _aware("until", until)
    if since and until and since >= until:
        raise FieldProblem.one("until", _("must be after since"))
    query = (
        sa.select(AuditEntry, OrgUnit.code)
        .outerjoin(OrgUnit, OrgUnit.id == AuditEntry.unit_id)
        .where(await visible(ctx, AuditEntry.unit_id, unit))
    )
    for column, value in ((AuditEntry.entity, entity), (AuditEntry.entity_id, entity_id), (AuditEntry.actor, actor)):
        if value is not None:
            query = query.where(column == value)
    if since:
        query = query.where(AuditEntry.at >= since)
    if until:
        query = query.where(AuditEntry.at < until)
    return query
