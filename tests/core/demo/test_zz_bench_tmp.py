import time
from collections import Counter
from core.demo import load_network

async def test_time(db, clock):
    t = time.perf_counter()
    s = await load_network(db, clock, clients=10_000)
    print(db.dialect, round(time.perf_counter() - t, 2), s)
