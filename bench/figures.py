"""The printed table: every figure beside its baseline, as a ratio, with peak memory."""

from __future__ import annotations

from pathlib import Path

ROWS: list[tuple[str, str, str, str]] = []


def report(backend: str, what: str, figure: str, baseline: str, ratio: float, memory: str) -> None:
    ROWS.append((backend, what, f"{figure}  vs  {baseline}", f"{ratio:.2f}  {memory}"))
    print(f"[{backend}] {what}: {figure} vs baseline {baseline} → ratio {ratio:.2f} ({memory})", flush=True)


def fresh_peak() -> None:
    """Start this process's high-water mark anew (Linux: ``5`` written to ``clear_refs``), so
    the next figure's peak is its own and not the data load's before it."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb(pid: int | str = "self") -> float:
    """The process's peak resident memory (``VmHWM``) since it started or :func:`fresh_peak`."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return 0.0
