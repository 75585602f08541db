"""Organisation scope: a principal acts on its unit's subtree and nothing else.

Services resolve every unit code a caller names through :func:`unit_in_scope` and filter
every list with :func:`in_subtree`, so no route can forget the check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from core.errors import NotFound, OutOfScope
from core.i18n import _
from core.models import OrgUnit
from core.types import UnitRef

if TYPE_CHECKING:
    from core.context import HookContext


async def unit_by_code(ctx: HookContext, code: str) -> UnitRef:
    """Any unit by code (no scope check), from the cached snapshot."""
    unit = (await ctx.plugins.snapshot(ctx.session)).by_code.get(code)
    if unit is None:
        raise NotFound(_("no organisation unit '{unit}'").format(unit=code), unit=code)
    return unit


async def unit_in_scope(ctx: HookContext, code: str) -> UnitRef:
    """The unit ``code`` if the acting principal may act there; 403 ``out-of-scope`` if not."""
    unit = await unit_by_code(ctx, code)
    if not ctx.principal.sees(unit):
        raise OutOfScope(
            _("unit '{unit}' is outside your organisation scope ({scope})").format(
                unit=code, scope=ctx.principal.unit.code
            ),
            unit=code,
        )
    return unit


async def unit_by_id(ctx: HookContext, unit_id: int) -> UnitRef:
    return (await ctx.plugins.snapshot(ctx.session)).units[unit_id]


def in_subtree(unit: UnitRef) -> sa.ColumnElement[bool]:
    """A filter on :class:`OrgUnit` rows inside ``unit``'s subtree (join OrgUnit first)."""
    return OrgUnit.path.startswith(unit.path, autoescape=True)
