"""Demo people and companies, drawn from one seeded ``random.Random``.

Pure functions, no database: the same seed gives the same network, and tests can check a
generated ID number's check digit without loading anything. Identity numbers follow their
national standards (GB 11643 for residents, GB 32100 for companies) so they pass the
validations a bank's other systems would run on them.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from itertools import accumulate

from core.demo.names import (
    COMPANY_PREFIXES,
    COMPANY_SUFFIXES,
    EMAIL_DOMAINS,
    FEMALE_GIVEN,
    MALE_GIVEN,
    MOBILE_PREFIXES,
    SURNAMES,
)

_SURNAME_WEIGHTS = list(accumulate(1 / (rank + 6) for rank in range(len(SURNAMES))))
_ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
_ID_CHECK = "10X98765432"
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = tuple(3**i % 31 for i in range(17))
CENT = Decimal("0.01")


def person(rng: random.Random) -> tuple[str, bool]:
    """A Chinese full name and whether the person is a man."""
    male = rng.random() < 0.5
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]
    return surname + rng.choice(MALE_GIVEN if male else FEMALE_GIVEN), male


def company(rng: random.Random, city: str) -> str:
    """A company name as registered: city, trade name, line of business, legal form."""
    return city.removesuffix("市") + rng.choice(COMPANY_PREFIXES) + rng.choice(COMPANY_SUFFIXES)


def resident_id(rng: random.Random, area: str, birthday: dt.date, male: bool) -> str:
    """An 18-character resident ID number: birthplace district, birth date, a sequence number
    odd for men and even for women, and the ISO 7064 MOD 11-2 check character."""
    sequence = rng.randrange(100) * 10 + rng.randrange(1 if male else 0, 10, 2)
    body = f"{area}{birthday:%Y%m%d}{sequence:03d}"
    return body + resident_check(body)


def resident_check(body: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def credit_code(rng: random.Random, area: str) -> str:
    """An 18-character unified social credit code of a company registered in ``area``."""
    body = "91" + area + "".join(rng.choices(_CREDIT_CHARS[:10], k=8)) + rng.choice(_CREDIT_CHARS)
    return body + credit_check(body)


def credit_check(body: str) -> str:
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[-total % 31]


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random, dialling_code: str) -> str:
    return f"{dialling_code}-{rng.randrange(5, 9)}{rng.randrange(10**7):07d}"


def email(rng: random.Random, phone: str) -> str | None:
    """About a third of clients leave an email, mostly their QQ number or their phone number."""
    if rng.random() >= 0.35:
        return None
    domain = rng.choice(EMAIL_DOMAINS)
    local = str(rng.randrange(10**5, 10**10)) if domain == "qq.com" else phone
    return f"{local}@{domain}"


def address(rng: random.Random, street: str, *, office: bool) -> str:
    """A house number on ``street``, then an office floor or a flat (building, entrance, room)."""
    number = f"{street}{rng.randint(1, 399)}号"
    if office:
        return f"{number}{rng.randint(2, 40)}层"
    return f"{number}{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}室"


def birthday(rng: random.Random, today: dt.date) -> dt.date:
    """An adult's birthday: aged 18 to 85, more of them middle-aged than very old."""
    age_days = int(rng.triangular(18, 85, 40) * 365.25)
    return today - dt.timedelta(days=age_days)


def retail_assets(rng: random.Random, wealth_centre: bool) -> Decimal:
    """Assets under management in CNY, log-normally skewed as wealth is: most clients hold
    tens of thousands, a few hold millions; wealth centres draw from a richer population."""
    return Decimal(f"{rng.lognormvariate(10.8 if wealth_centre else 9.5, 1.9):.2f}")


def deposit_share(rng: random.Random, assets: Decimal) -> Decimal:
    """The part of the assets held as deposits (the rest is in wealth products)."""
    return (assets * Decimal(f"{rng.uniform(0.2, 1.0):.4f}")).quantize(CENT)
