"""Client records read like a bank's: Chinese names, ID numbers whose birth date and sex
digit agree with the record, mobile numbers, a mix of lifecycle states, and one history
entry each saying where the record came from."""

from __future__ import annotations

from collections import Counter

from core.demo.names import FEMALE_GIVEN, MALE_GIVEN, SURNAMES
from tests.core.demo.loaded import Loaded

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, 1]


def is_valid_resident_id(number: str) -> bool:
    """GB 11643: the weighted sum of all 18 characters (X counting 10) is 1 modulo 11."""
    values = [10 if ch == "X" else int(ch) for ch in number]
    return len(number) == 18 and sum(v * w for v, w in zip(values, ID_WEIGHTS, strict=True)) % 11 == 1


async def test_retail_clients_have_chinese_names_that_agree_with_their_id_numbers(demo: Loaded) -> None:
    for client in (c for c in demo.clients if c.kind == "retail"):
        surname = next(s for s in sorted(SURNAMES, key=len, reverse=True) if client.name.startswith(s))
        given = client.name.removeprefix(surname)
        assert given in MALE_GIVEN or given in FEMALE_GIVEN
        number = client.id_number or ""
        assert is_valid_resident_id(number), number
        assert number[6:14] == f"{client.birthday:%Y%m%d}"
        assert (int(number[16]) % 2 == 1) == (given in MALE_GIVEN)


async def test_clients_have_phones_addresses_and_a_mix_of_states(demo: Loaded) -> None:
    for client in demo.clients:
        assert client.phone and client.address and client.address.startswith(("北京市", "上海市"))
        if client.kind == "retail":
            assert len(client.phone) == 11 and client.phone.startswith("1")
        assert client.public_id.startswith("cl_") and client.created_at.tzinfo is not None
    states = Counter(c.state for c in demo.clients)
    assert set(states) == {"active", "dormant", "prospect", "closed"}
    assert states["active"] > sum(states.values()) / 2


async def test_every_client_has_one_created_entry_saying_it_is_demo_data(demo: Loaded) -> None:
    assert Counter(h.client_id for h in demo.history) == {c.id: 1 for c in demo.clients}
    clients = {c.id: c for c in demo.clients}
    for entry in demo.history:
        assert (entry.action, entry.reason, entry.actor) == ("created", "demo data", "system:touchstone")
        assert {"field": "state", "before": None, "after": clients[entry.client_id].state} in entry.changes
