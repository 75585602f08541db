"""The printed table: every figure beside its baseline, as a ratio, with peak memory."""

from __future__ import annotations

import resource
from pathlib import Path

ROWS: list[tuple[str, str, str, str]] = []


def report(backend: str, what: str, figure: str, baseline: str, ratio: float, memory: str) -> None:
    ROWS.append((backend, what, f"{figure}  vs  {baseline}", f"{ratio:.2f}  {memory}"))
    print(f"[{backend}] {what}: {figure} vs baseline {baseline} → ratio {ratio:.2f} ({memory})", flush=True)


def peak_rss_mb(pid: int | None = None) -> float:
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return 0.0
