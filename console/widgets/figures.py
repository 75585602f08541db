"""Numbers as a person reads them in a terminal: rates, trends and bars in block characters.

Pure functions returning text, so a table cell can hold a trend and plugin panels can draw
the same bars the dashboard does.
"""

from __future__ import annotations

from collections.abc import Sequence

SPARK = "▁▂▃▄▅▆▇█"
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
MISSING = "·"


def percent(rate: float | None) -> str:
    """``0.9412`` → ``94.1%``; no rate (nothing judged) → an em dash."""
    return "—" if rate is None else f"{rate:.1%}"


def sparkline(values: Sequence[float | None], low: float = 0.0, high: float = 1.0) -> str:
    """One block character per value between ``low`` and ``high``; a dot where there is none."""
    span = (high - low) or 1.0
    cells = []
    for value in values:
        if value is None:
            cells.append(MISSING)
        else:
            share = min(max((value - low) / span, 0.0), 1.0)
            cells.append(SPARK[round(share * (len(SPARK) - 1))])
    return "".join(cells)


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``maximum``, drawn to an eighth of a cell."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value / maximum, 1.0) * width * 8)
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")
