"""API tokens for whoever a test acts as."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from core.clock import Clock
from core.db.base import new_public_id
from core.db.engine import Database
from core.models import OrgUnit, Staff
from core.services import tokens

TTL = dt.timedelta(days=365)


class TokenFactory(Protocol):
    """What the ``token_for`` fixture is: ``await token_for("teller", "OUT1")`` → headers."""

    async def __call__(
        self,
        role: str | None = None,
        unit: str = "HO",
        *,
        roles: list[str] | None = None,
        service: bool = False,
        staff: Staff | None = None,
    ) -> dict[str, str]: ...


def token_factory(db: Database, units: dict[str, OrgUnit], clock: Clock) -> TokenFactory:
    """``token_for`` over ``units``: each call hires a new member of staff (or opens a
    service account) with the role at the unit, and issues a year's token for them."""

    async def issue(
        role: str | None = None,
        unit: str = "HO",
        *,
        roles: list[str] | None = None,
        service: bool = False,
        staff: Staff | None = None,
    ) -> dict[str, str]:
        roles = roles or [role or "admin"]
        async with db.unit_of_work() as session:
            if staff is not None:
                _, secret = await tokens.issue(session, now=clock.now(), ttl=TTL, staff=staff)
            elif service:
                account = await tokens.service_account_for(session, role=roles[0], unit=units[unit], now=clock.now())
                _, secret = await tokens.issue(session, now=clock.now(), ttl=TTL, service_account=account)
            else:
                member = Staff(
                    public_id=new_public_id("st"),
                    employee_no=new_public_id("E"),
                    name=f"{roles[0]} 张三",
                    unit_id=units[unit].id,
                    roles=roles,
                    phone="13800138000",
                    active=True,
                )
                session.add(member)
                await session.flush()
                _, secret = await tokens.issue(session, now=clock.now(), ttl=TTL, staff=member)
        return {"Authorization": f"Bearer {secret}"}

    return issue
