"""Every step of an order is written twice: to the order's own step table (who, when, what,
with the note, for the people handling it) and to the core's audit log (who, when, which
unit, the state before and after and what was decided, without free text, so the audit log
never holds a complainant's personal data)."""

from __future__ import annotations

from typing import Any

from core.sdk import HookContext, UnitRef, json_ready
from plugins.complaints.models import Step, WorkOrder

ENTITY = "complaints_order"


def record(
    ctx: HookContext,
    order: WorkOrder,
    unit: UnitRef,
    *,
    action: str,
    from_state: str | None,
    note: str = "",
    details: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """One step of ``order`` (already in its new state), by the acting principal, now."""
    facts = json_ready(details or {})
    ctx.session.add(
        Step(
            order_id=order.id,
            at=ctx.now,
            actor=ctx.principal.label,
            action=action,
            from_state=from_state,
            to_state=order.state,
            note=note,
            details=facts,
        )
    )
    ctx.audit(
        entity=ENTITY,
        entity_id=order.public_id,
        action=action,
        unit=unit,
        before={"state": from_state} if from_state else None,
        after={"state": order.state, **facts},
        reason=reason,
    )
