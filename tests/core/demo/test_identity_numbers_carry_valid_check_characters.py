"""Generated ID numbers pass the checks other bank systems run: GB 11643 for residents
(ISO 7064 MOD 11-2) and GB 32100 for companies' unified social credit codes."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from core.demo.network import BIRTHPLACES
from core.demo.people import credit_check, credit_code, resident_check, resident_id
from tests.core.demo.test_client_records_look_real import is_valid_resident_id

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def is_valid_credit_code(code: str) -> bool:
    """GB 32100: the weighted sum of all 18 characters (weights 3^i mod 31, then 1) is 0 mod 31."""
    weights = [3**i % 31 for i in range(17)] + [1]
    return len(code) == 18 and sum(CREDIT_CHARS.index(c) * w for c, w in zip(code, weights, strict=True)) % 31 == 0


def test_the_check_characters_match_the_standards_own_examples() -> None:
    assert resident_check("11010519491231002") == "X"
    assert credit_check("91350100M000100Y4") == "3"


@given(
    seed=st.integers(0, 2**32),
    born=st.dates(dt.date(1920, 1, 1), dt.date(2010, 12, 31)),
    area=st.sampled_from(BIRTHPLACES),
    male=st.booleans(),
)
def test_resident_ids_carry_birth_date_sex_and_a_valid_check(seed: int, born: dt.date, area: str, male: bool) -> None:
    number = resident_id(random.Random(seed), area, born, male)
    assert is_valid_resident_id(number)
    assert number[:6] == area and number[6:14] == f"{born:%Y%m%d}" and int(number[16]) % 2 == int(male)


@given(seed=st.integers(0, 2**32), area=st.sampled_from(BIRTHPLACES))
def test_credit_codes_carry_the_registration_area_and_a_valid_check(seed: int, area: str) -> None:
    code = credit_code(random.Random(seed), area)
    assert is_valid_credit_code(code) and code.startswith(f"91{area}")
