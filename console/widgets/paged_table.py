"""A table of API results fetched a page at a time (every list in the API has a cursor).

Give it the columns and a ``fetch(cursor)`` that returns one page's rows (each ``(key,
cells)``, the key None when rows need none) and the next cursor; ``m`` fetches the next page and appends it. The core's staff
and clients lists use it, and so can a plugin's queue or catalogue::

    async def fetch(cursor):
        page = await api.get("/plugins/vip_benefits/perks", PerkPage, unit=unit, cursor=cursor)
        return [(p.id, (p.name, p.tier, str(p.quota))) for p in page.items], page.next_cursor

    yield PagedTable(("Perk", "Tier", "Per year"), fetch)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from textual import work
from textual.binding import Binding
from textual.widgets import DataTable

from console.localised import speak_bindings
from console.widgets.calls import call_api
from core.i18n import N_

Row = tuple[str | None, Sequence[object]]
Fetch = Callable[[str | None], Awaitable[tuple[list[Row], str | None]]]


class PagedTable(DataTable[object]):
    BINDINGS = [Binding("m", "more", N_("More rows"))]

    def __init__(self, columns: Sequence[str], fetch: Fetch | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        speak_bindings(self)
        self.add_columns(*columns)
        self.fetch = fetch
        self.next_cursor: str | None = None

    def on_mount(self) -> None:
        if self.fetch is not None:
            self.load(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.next_cursor is not None if action == "more" else True

    def restart(self, fetch: Fetch | None = None) -> None:
        """Empty the table and fetch the first page (with a new ``fetch`` if given)."""
        self.fetch = fetch or self.fetch
        assert self.fetch is not None, "a PagedTable needs a fetch before it can load"
        self.clear()
        self.next_cursor = None
        self.load(None)

    def action_more(self) -> None:
        if self.next_cursor is not None:
            self.load(self.next_cursor)

    @work(exclusive=True, group="page")
    async def load(self, cursor: str | None) -> None:
        assert self.fetch is not None
        if (page := await call_api(self, self.fetch(cursor), busy=self)) is None:
            return
        rows, self.next_cursor = page
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self.refresh_bindings()
