"""The demo tree is a bank's: one head office, two branches, six sub-branches, twenty outlets,
each unit under the level above it, with materialised paths that agree with the parents."""

from __future__ import annotations

from collections import Counter

from core.demo.network import HEAD_OFFICE, NETWORK
from tests.core.demo.loaded import Loaded

LEVEL_ABOVE = {"branch": "head_office", "sub_branch": "branch", "outlet": "sub_branch"}


async def test_there_is_one_head_office_two_branches_six_sub_branches_and_twenty_outlets(demo: Loaded) -> None:
    assert Counter(u.level for u in demo.units) == {"head_office": 1, "branch": 2, "sub_branch": 6, "outlet": 20}
    assert demo.summary.units == {"head_office": 1, "branch": 2, "sub_branch": 6, "outlet": 20}


async def test_every_unit_hangs_under_the_level_above_and_extends_its_parents_path(demo: Loaded) -> None:
    (head,) = [u for u in demo.units if u.parent_id is None]
    assert head.level == "head_office" and head.path == f"/{head.id}/"
    for unit in demo.units:
        if unit is head:
            continue
        parent = demo.unit(unit.parent_id)
        assert parent.level == LEVEL_ABOVE[unit.level]
        assert unit.path == f"{parent.path}{unit.id}/"
        if parent is not head:
            assert unit.code.startswith(f"{parent.code}-")


async def test_unit_codes_and_chinese_names_come_back_exactly_as_planned(demo: Loaded) -> None:
    planned = {HEAD_OFFICE[0]: HEAD_OFFICE[1]}
    for branch in NETWORK:
        planned[branch.code] = branch.name
        for sub in branch.sub_branches:
            planned[sub.code] = sub.name
            planned.update((outlet.code, outlet.name) for outlet in sub.outlets)
    assert {u.code: u.name for u in demo.units} == planned
    assert planned["HO"] == "总行" and planned["BJ-CY"] == "朝阳支行" and planned["BJ-CY-01"] == "望京网点"
    assert "国贸理财中心" in planned.values()
