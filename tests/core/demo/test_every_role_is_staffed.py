"""Staff in every role, at the level where the role works, with Chinese names and their own
employee numbers."""

from __future__ import annotations

from collections import Counter

from core.demo.names import SURNAMES
from core.principal import ROLES
from tests.core.demo.loaded import Loaded

WHERE = {
    "teller": "outlet",
    "lobby_manager": "outlet",
    "customer_manager": "outlet",
    "outlet_head": "outlet",
    "sub_branch_head": "sub_branch",
    "branch_service": "branch",
    "head_office_service": "head_office",
    "operations": "head_office",
    "risk": "head_office",
    "compliance": "head_office",
    "admin": "head_office",
}


async def test_every_role_has_staff(demo: Loaded) -> None:
    counted = Counter(role for member in demo.staff for role in member.roles)
    assert set(counted) == set(ROLES)
    assert demo.summary.staff == dict(counted)


async def test_each_role_works_at_its_level_and_every_outlet_has_the_front_line(demo: Loaded) -> None:
    for member in demo.staff:
        assert demo.unit(member.unit_id).level == WHERE[member.roles[0]], member.roles
    for outlet in (u for u in demo.units if u.level == "outlet"):
        roles = {role for member in demo.staff if member.unit_id == outlet.id for role in member.roles}
        assert roles == {"teller", "lobby_manager", "customer_manager", "outlet_head"}, outlet.code


async def test_staff_have_chinese_names_and_unique_employee_numbers(demo: Loaded) -> None:
    assert len({member.employee_no for member in demo.staff}) == len(demo.staff)
    for member in demo.staff:
        assert member.name.startswith(SURNAMES) and all("\u4e00" <= ch <= "\u9fff" for ch in member.name)
        assert member.active and member.public_id.startswith("st_")
