"""A small HTTP/1.1 load generator on raw asyncio streams (no dependency, fast enough not to be
the bottleneck): ``connections`` keep-alive connections each send requests back to back
for ``seconds`` and count the answers by status."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable


async def _connection(
    host: str,
    port: int,
    make_request: Callable[[int], bytes],
    deadline: float,
    counts: Counter[int],
    latencies: list[float],
    seq: list[int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            seq[0] += 1
            started = time.perf_counter()
            writer.write(make_request(seq[0]))
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            counts[status] += 1
    finally:
        writer.close()


def request(method: str, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: bench",
        f"Content-Length: {len(body)}",
        "Content-Type: application/json",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def run(
    host: str, port: int, make_request: Callable[[int], bytes], *, seconds: float = 8.0, connections: int = 32
) -> tuple[float, Counter[int], float]:
    """Requests per second, answers by status, and the 99th-percentile latency in ms."""
    counts: Counter[int] = Counter()
    latencies: list[float] = []
    seq = [0]
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *[_connection(host, port, make_request, deadline, counts, latencies, seq) for _ in range(connections)]
    )
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0
    return sum(counts.values()) / elapsed, counts, p99
