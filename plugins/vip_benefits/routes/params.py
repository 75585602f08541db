"""Parameters several routes share."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

AtUnit = Annotated[
    str | None,
    QueryParameter(
        description="A unit of your subtree where the programme is on, for callers whose own unit has it off (head-office "
        "staff during a pilot) on routes about no one unit (the catalogue); the enablement guard checks this "
        "unit instead of yours"
    ),
]
