"""Staff: members of staff at units, with roles. Only an admin may grant admin."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.context import HookContext
from core.db.base import new_public_id
from core.errors import Forbidden, FieldProblem, NotFound, require_reason
from core.models import Staff
from core.principal import ROLES
from core.services.scope import unit_by_id, unit_in_scope


def check_roles(ctx: HookContext, roles: list[str]) -> list[str]:
    unknown = [r for r in roles if r not in ROLES]
    if not roles or unknown:
        raise FieldProblem.one("roles", f"give one or more of {', '.join(ROLES)}" + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    if "admin" in roles and "admin" not in ctx.principal.roles:
        raise Forbidden("only an admin may grant the admin role")
    return sorted(set(roles))


async def get(ctx: HookContext, public_id: str) -> Staff:
    staff = (await ctx.session.execute(sa.select(Staff).where(Staff.public_id == public_id))).scalar_one_or_none()
    if staff is None or not ctx.principal.sees(await unit_by_id(ctx, staff.unit_id)):
        raise NotFound(f"no staff member '{public_id}'")
    return staff


async def create(ctx: HookContext, *, employee_no: str, name: str, unit_code: str, roles: list[str],
                 phone: str | None, reason: str) -> Staff:
    reason = require_reason(reason)
    unit = await unit_in_scope(ctx, unit_code)
    roles = check_roles(ctx, roles)
    if (await ctx.session.execute(sa.select(Staff.id).where(Staff.employee_no == employee_no))).first():
        raise FieldProblem.one("employee_no", f"'{employee_no}' is already used")
    staff = Staff(public_id=new_public_id("st"), employee_no=employee_no, name=name, unit_id=unit.id, roles=roles,
                  phone=phone, active=True, created_at=ctx.now)
    ctx.session.add(staff)
    await ctx.session.flush()
    ctx.audit(entity="staff", entity_id=staff.public_id, action="create", unit=unit, reason=reason,
              after={"employee_no": employee_no, "name": name, "unit": unit_code, "roles": roles})
    return staff


async def update(ctx: HookContext, public_id: str, values: dict[str, Any], reason: str) -> Staff:
    """Change name, roles, phone, active or unit (``unit`` by code, within scope)."""
    reason = require_reason(reason)
    staff = await get(ctx, public_id)
    if "roles" in values:
        values["roles"] = check_roles(ctx, values["roles"])
    if "unit" in values:
        values["unit_id"] = (await unit_in_scope(ctx, values.pop("unit"))).id
    before, after = {}, {}
    for field, value in values.items():
        if getattr(staff, field) != value:
            before[field], after[field] = getattr(staff, field), value
            setattr(staff, field, value)
    if after:
        ctx.audit(entity="staff", entity_id=staff.public_id, action="update",
                  unit=await unit_by_id(ctx, staff.unit_id), before=before, after=after, reason=reason)
    return staff
