"""Tables written as files a person opens: CSV for anything, XLSX for reports meant for Excel.

CSV is UTF-8 with a byte-order mark (without it Excel on a Chinese Windows reads UTF-8 as GBK
and shows mojibake) and comes out one batch of rows at a time, so an export of a whole
subtree's clients never sits in memory. An XLSX file is a zip whose directory is written last,
so it cannot go out before it is finished: it is written row by row by XlsxWriter in
constant-memory mode to a temporary file, then sent from that file in chunks.
"""

from __future__ import annotations

import csv
import decimal
import io
import tempfile
from collections.abc import AsyncIterable, AsyncIterator, Sequence
from typing import Any

import xlsxwriter

BOM = "\ufeff"
CHUNK = 64 * 1024


def csv_text(rows: Sequence[Sequence[Any]]) -> str:
    """Rows as CSV lines (RFC 4180 quoting, CRLF line ends, as Excel writes them)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


async def csv_chunks(header: Sequence[str], batches: AsyncIterable[Sequence[Sequence[Any]]]) -> AsyncIterator[bytes]:
    """The BOM and the header, then one chunk per batch of rows."""
    yield (BOM + csv_text([header])).encode()
    async for rows in batches:
        if rows:
            yield csv_text(rows).encode()


def _number(value: Any) -> Any:
    """A numeric column's cell as a number Excel can sum (the JSON spells decimals as text)."""
    if isinstance(value, str) and value:
        try:
            return decimal.Decimal(value)
        except decimal.InvalidOperation:
            return value
    return value


async def xlsx_chunks(
    sheet: str,
    header: Sequence[str],
    numeric: Sequence[bool],
    batches: AsyncIterable[Sequence[Sequence[Any]]],
) -> AsyncIterator[bytes]:
    """An XLSX workbook of one sheet: bold header, frozen first row, numbers as numbers."""
    with tempfile.TemporaryFile() as spool:
        book = xlsxwriter.Workbook(spool, {"constant_memory": True, "in_memory": False})
        page = book.add_worksheet(sheet[:31])
        page.write_row(0, 0, header, book.add_format({"bold": True}))
        page.freeze_panes(1, 0)
        at = 1
        async for rows in batches:
            for row in rows:
                page.write_row(at, 0, [_number(v) if n else v for v, n in zip(row, numeric, strict=True)])
                at += 1
        book.close()
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk
