"""Staff: members of staff at units, with roles.

Roles come from :data:`core.principal.ROLES`. Only an admin may grant the admin role, and
only an admin may change a member of staff who holds it, so a manager can never raise
anyone (themselves included) above their own powers or disarm an administrator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core import generations
from core.db.base import new_public_id
from core.errors import FieldProblem, Forbidden, NotFound, require_reason
from core.i18n import _
from core.models import OrgUnit, Staff
from core.principal import GENERATION as PRINCIPALS_GENERATION
from core.principal import ROLES
from core.services.scope import in_subtree, unit_by_id, unit_in_scope
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext

ADMIN = "admin"


def check_roles(ctx: HookContext, roles: list[str]) -> list[str]:
    """Known roles only, at least one; admin only when an admin grants it."""
    unknown = [r for r in roles if r not in ROLES]
    if not roles or unknown:
        known = ", ".join(ROLES)
        problem = (
            _("give one or more of {known}; unknown: {unknown}").format(known=known, unknown=", ".join(unknown))
            if unknown
            else _("give one or more of {known}").format(known=known)
        )
        raise FieldProblem.one("roles", problem)
    if ADMIN in roles and ADMIN not in ctx.principal.roles:
        raise Forbidden(_("only an admin may grant the admin role"))
    return sorted(frozenset(roles))


def search(scope: UnitRef, *, role: str | None, active: bool | None, q: str | None) -> sa.Select[Any]:
    """Staff in ``scope``'s subtree, optionally by role, active flag and name/employee number."""
    query = sa.select(Staff).join(OrgUnit, OrgUnit.id == Staff.unit_id).where(in_subtree(scope))
    if active is not None:
        query = query.where(Staff.active == active)
    if q:
        query = query.where(sa.or_(Staff.name.icontains(q, autoescape=True), Staff.employee_no == q))
    if role:
        if role not in ROLES:
            raise FieldProblem.one(
                "role", _("unknown role '{role}'; known: {known}").format(role=role, known=", ".join(ROLES))
            )
        # roles are a JSON list of known names, so its text holds each one quoted
        query = query.where(sa.cast(Staff.roles, sa.Text).contains(f'"{role}"', autoescape=True))
    return query


async def get(ctx: HookContext, public_id: str) -> Staff:
    """A member of staff in the caller's subtree; anyone else answers 404, as if absent."""
    staff = (await ctx.session.execute(sa.select(Staff).where(Staff.public_id == public_id))).scalar_one_or_none()
    if staff is None or not ctx.principal.sees(await unit_by_id(ctx, staff.unit_id)):
        raise NotFound(_("no staff member '{id}'").format(id=public_id))
    return staff


async def create(
    ctx: HookContext, *, employee_no: str, name: str, unit_code: str, roles: list[str], phone: str | None, reason: str
) -> Staff:
    reason = require_reason(reason)
    unit = await unit_in_scope(ctx, unit_code)
    roles = check_roles(ctx, roles)
    if (await ctx.session.execute(sa.select(Staff.id).where(Staff.employee_no == employee_no))).first():
        raise FieldProblem.one("employee_no", _("'{number}' is already used").format(number=employee_no))
    staff = Staff(
        public_id=new_public_id("st"),
        employee_no=employee_no,
        name=name,
        unit_id=unit.id,
        roles=roles,
        phone=phone,
        active=True,
        created_at=ctx.now,
    )
    ctx.session.add(staff)
    await ctx.session.flush()
    ctx.audit(
        entity="staff",
        entity_id=staff.public_id,
        action="create",
        unit=unit,
        reason=reason,
        after={"employee_no": employee_no, "name": name, "unit": unit_code, "roles": roles, "phone": phone},
    )
    return staff


async def update(ctx: HookContext, public_id: str, values: dict[str, Any], reason: str) -> Staff:
    """Change name, roles, phone, active or unit (``unit`` by code, within scope)."""
    reason = require_reason(reason)
    staff = await get(ctx, public_id)
    if ADMIN in staff.roles and ADMIN not in ctx.principal.roles:
        raise Forbidden(_("only an admin may change a member of staff who holds the admin role"))
    if "roles" in values:
        values["roles"] = check_roles(ctx, values["roles"])
    current = {field: getattr(staff, field) for field in values if field != "unit"}
    if "unit" in values:
        current["unit"] = (await unit_by_id(ctx, staff.unit_id)).code
        staff.unit_id = (await unit_in_scope(ctx, values["unit"])).id
    before = {f: v for f, v in current.items() if v != values[f]}
    after = {f: values[f] for f in before}
    for field in after.keys() - {"unit"}:
        setattr(staff, field, after[field])
    if after.keys() & {"roles", "active", "unit"}:
        await generations.bump(ctx.session, PRINCIPALS_GENERATION)  # their tokens act as what they are now, everywhere
    if after:
        ctx.audit(
            entity="staff",
            entity_id=staff.public_id,
            action="update",
            unit=await unit_by_id(ctx, staff.unit_id),
            before=before,
            after=after,
            reason=reason,
        )
    return staff
