"""A demo network with a few hundred clients (enough to see every tier's rule at work, small
enough to load in a blink on both databases)."""

from __future__ import annotations

import pytest

from core.clock import FrozenClock
from core.db.engine import Database
from core.demo import load_network
from tests.core.demo.loaded import Loaded, read_back


@pytest.fixture
async def demo(db: Database, clock: FrozenClock) -> Loaded:
    return await read_back(db, await load_network(db, clock, clients=300))
