"""Staff routes: list and look up staff in your subtree; managers add and change them.

Phone numbers are personal data, masked for roles without ``clients.personal_data``.
"""

from __future__ import annotations

from litestar import get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.pagination import DEFAULT_LIMIT, page
from core.api.schemas import UnitOut
from core.api.schemas.staff import StaffCreate, StaffOut, StaffPage, StaffPatch
from core.context import HookContext
from core.errors import check_choice
from core.models import Staff
from core.principal import ROLES
from core.services import staff as staff_service
from core.services.masking import mask
from core.services.scope import unit_by_id, unit_in_scope


async def present(ctx: HookContext, member: Staff) -> StaffOut:
    return StaffOut(
        id=member.public_id,
        employee_no=member.employee_no,
        name=member.name,
        unit=UnitOut.of(await unit_by_id(ctx, member.unit_id)),
        roles=list(member.roles),
        phone=mask("phone", member.phone, ctx.principal),
        active=member.active,
    )


@exportable("staff")
@get("/staff", guards=[requires("staff.read")], summary="Staff in your subtree")
async def list_staff(
    ctx: Ctx,
    unit: FromQuery[str | None] = None,
    role: FromQuery[str | None] = None,
    active: FromQuery[bool | None] = None,
    q: FromQuery[str | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: FromQuery[int] = DEFAULT_LIMIT,
) -> StaffPage:
    """``unit`` narrows to that unit's subtree; ``q`` matches part of a name or a whole
    employee number."""
    check_choice("role", role, ROLES)
    scope = await unit_in_scope(ctx, unit) if unit else ctx.principal.unit
    query = staff_service.search(scope, role=role, active=active, q=q)
    rows, next_cursor = await page(ctx.session, query, Staff.id, cursor, limit)
    return StaffPage(items=[await present(ctx, s) for s in rows], next_cursor=next_cursor)


@post("/staff", guards=[requires("staff.write")], summary="Add a member of staff")
async def create_staff(ctx: Ctx, data: JSONBody[StaffCreate]) -> StaffOut:
    member = await staff_service.create(
        ctx,
        employee_no=data.employee_no,
        name=data.name,
        unit_code=data.unit,
        roles=data.roles,
        phone=data.phone,
        reason=data.reason,
    )
    return await present(ctx, member)


@get("/staff/{staff_id:str}", guards=[requires("staff.read")], summary="One member of staff")
async def get_staff(ctx: Ctx, staff_id: FromPath[str]) -> StaffOut:
    return await present(ctx, await staff_service.get(ctx, staff_id))


@patch("/staff/{staff_id:str}", guards=[requires("staff.write")], summary="Change a member of staff (with a reason)")
async def update_staff(ctx: Ctx, staff_id: FromPath[str], data: JSONBody[StaffPatch]) -> StaffOut:
    return await present(ctx, await staff_service.update(ctx, staff_id, data.changes(), data.reason))


HANDLERS = [list_staff, create_staff, get_staff, update_staff]
