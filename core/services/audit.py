"""Writing and reading the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.db.base import json_ready
from core.models import AuditEntry
from core.principal import Principal
from core.types import UnitRef


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
