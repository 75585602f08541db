"""``?format=csv`` (and ``?format=xlsx`` on reports meant for Excel) on every list and report.

One decorator serves every endpoint, the core's and the plugins' (through the SDK)::

    @exportable("clients")
    @get("/clients", ...)
    async def list_clients(ctx: Ctx, ..., cursor: FromQuery[str | None] = None, limit: ... = DEFAULT_LIMIT) -> ClientPage:

Without ``format`` (or with ``format=json``) the handler answers as it always did. An export
calls the same handler, so its rows are exactly the JSON answer's items, masked per role as
they are: a paginated list (one taking ``cursor`` and ``limit``) is walked page after page of
:data:`~core.api.pagination.MAX_LIMIT` rows, each page read in a short read-only unit of work
of its own and sent before the next is read, so memory stays bounded however many rows
there are; a report (a list, or one Struct as one row) is computed once and sent in batches.
The first page runs inside the request, so a bad filter is still a problem document, never
a broken download. The header row speaks the request's language: the core's column labels
(:mod:`core.api.headings`) and those a plugin passes as ``labels``.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Annotated, Any, Literal

from litestar import Request, Response
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIType, Operation, Schema
from litestar.params import QueryParameter
from litestar.response import Stream

from core.api.headings import CORE_LABELS
from core.api.pagination import MAX_LIMIT
from core.api.sheets import csv_chunks, xlsx_chunks
from core.api.tabular import Column, cells, columns, heading
from core.chinatime import china_date
from core.context import HookContext
from core.i18n import LazyString

CSV = "text/csv"
"""Litestar adds ``charset=utf-8`` to a text type."""
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATCH = 200
"""Rows per chunk of a report's export (a list's chunk is one page)."""
FORMAT_PARAMETER = "export_format"
EXPORT_OPT = "export"
"""Where an exportable handler's ``opt`` holds its :class:`Exported`."""


class Exported(typing.NamedTuple):
    """What an exportable route exports (read by tests and tools, never by the export)."""

    name: str
    xlsx: bool
    columns: tuple[Column, ...]
    labels: Mapping[str, str | LazyString]


ListFormat = Annotated[
    Literal["json", "csv"],
    QueryParameter(name="format", description="json (default), or csv: UTF-8 with BOM, a download"),
]
ReportFormat = Annotated[
    Literal["json", "csv", "xlsx"],
    QueryParameter(name="format", description="json (default), csv (UTF-8 with BOM) or xlsx: a download"),
]


def _file_media(*kinds: str) -> dict[str, OpenAPIMediaType]:
    return {kind: OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING, format="binary")) for kind in kinds}  # type: ignore[arg-type]


@dataclasses.dataclass
class _ExportOperation(Operation):
    """An operation whose 200 answer is also a file in the export's media types."""

    media: typing.ClassVar[tuple[str, ...]] = (CSV,)

    def __post_init__(self) -> None:
        ok = (self.responses or {}).get("200")
        content = getattr(ok, "content", None)
        if content is not None:
            content.update(_file_media(*self.media))


@dataclasses.dataclass
class _ReportExportOperation(_ExportOperation):
    media: typing.ClassVar[tuple[str, ...]] = (CSV, XLSX)


class _Shape(typing.NamedTuple):
    item: Any
    """The Struct each row is."""
    answer: Any
    """What the handler returns."""
    paged: bool
    rows: str | None
    """The answer's field holding the rows (``items`` of a page); None: the answer is the rows."""


def _shape(fn: Callable[..., Any], rows: str | None) -> _Shape:
    """What ``fn`` answers: a page of items, a list of rows, a Struct whose ``rows`` field
    lists them, or one Struct (one row)."""
    answer = typing.get_type_hints(fn)["return"]
    fields = getattr(answer, "__struct_fields__", ())
    paged = "items" in fields and "next_cursor" in fields
    if paged or rows:
        field = "items" if paged else rows
        (item,) = typing.get_args(typing.get_type_hints(answer)[field])
        return _Shape(item, answer, paged, field)
    if typing.get_origin(answer) is list:
        return _Shape(typing.get_args(answer)[0], answer, paged=False, rows=None)
    return _Shape(answer, answer, paged=False, rows=None)


def _rows(result: Any, shape: _Shape) -> Sequence[Any]:
    if shape.rows:
        return getattr(result, shape.rows)  # type: ignore[no-any-return]
    return result if isinstance(result, list) else [result]


def _context_name(kwargs: Mapping[str, Any]) -> str:
    return next(name for name, value in kwargs.items() if isinstance(value, HookContext))


class _Export:
    """One export in progress: the handler, its arguments, and where its pages come from."""

    def __init__(self, fn: Callable[..., Any], shape: _Shape, kwargs: dict[str, Any], request: Request[Any, Any, Any]):
        self.fn, self.shape, self.kwargs, self.request = fn, shape, kwargs, request
        self.ctx_name = _context_name(kwargs)

    async def first(self) -> Any:
        if self.shape.paged:
            self.kwargs["limit"] = MAX_LIMIT
        return await self.fn(**self.kwargs)

    async def batches(self, first: Any, cols: Sequence[Column]) -> AsyncIterator[list[list[Any]]]:
        """Row batches: the first answer's, then (for a list) each further page's."""
        rows = _rows(first, self.shape)
        step = max(len(rows), 1) if self.shape.paged else BATCH
        for start in range(0, len(rows), step):
            yield [cells(item, cols) for item in rows[start : start + step]]
        cursor = first.next_cursor if self.shape.paged else None
        ctx: HookContext = self.kwargs[self.ctx_name]
        while cursor:
            async with self.request.app.state.db.unit_of_work(readonly=True) as session:
                reading = HookContext(
                    session=session,
                    clock=ctx.clock,
                    plugins=ctx.plugins,
                    principal=ctx.principal,
                    unit=ctx.unit,
                    settings=ctx.settings,
                )
                page = await self.fn(**{**self.kwargs, self.ctx_name: reading, "cursor": cursor})
                batch = [cells(item, cols) for item in page.items]
            yield batch
            cursor = page.next_cursor


def exportable(
    name: str,
    *,
    xlsx: bool = False,
    rows: str | None = None,
    labels: Mapping[str, str | LazyString] | None = None,
) -> Callable[[HTTPRouteHandler], HTTPRouteHandler]:
    """Give a GET list or report handler ``?format=csv`` (``xlsx=True``: also ``?format=xlsx``).

    :param name: the download's name: ``<name>-<YYYYMMDD>.csv``, dated in China time.
    :param rows: for an answer that is one Struct, the field listing its rows (a score's
        ``components``); without it such an answer is one row.
    :param labels: column headings by field name (``"perk"``) or dotted path
        (``"unit.code"``), in the caller's translation domain; the core's labels fill the rest.
    """
    headings = {**CORE_LABELS, **(labels or {})}

    def decorate(handler: HTTPRouteHandler) -> HTTPRouteHandler:
        fn = handler.fn
        shape = _shape(fn, rows)
        signature = inspect.signature(fn)
        passes_request = "request" in signature.parameters

        @functools.wraps(fn)
        async def answer(**kwargs: Any) -> Any:
            chosen = kwargs.pop(FORMAT_PARAMETER)
            request = kwargs["request"] if passes_request else kwargs.pop("request")
            if chosen == "json":
                return Response(await fn(**kwargs))
            export = _Export(fn, shape, kwargs, request)
            first = await export.first()
            cols = columns(shape.item)
            header = [heading(c, headings) for c in cols]
            day = china_date(export.kwargs[export.ctx_name].now).strftime("%Y%m%d")
            if chosen == "xlsx":
                body = xlsx_chunks(name, header, [c.numeric for c in cols], export.batches(first, cols))
                media = XLSX
            else:
                body = csv_chunks(header, export.batches(first, cols))
                media = CSV
            disposition = f'attachment; filename="{name}-{day}.{chosen}"'
            return Stream(body, media_type=media, headers={"Content-Disposition": disposition})

        added = [inspect.Parameter(FORMAT_PARAMETER, inspect.Parameter.KEYWORD_ONLY, default="json")]
        if not passes_request:
            added.append(inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY))
        answer.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *added],
            return_annotation=Response[shape.answer],  # type: ignore[name-defined]
        )
        answer.__annotations__ = {
            **typing.get_type_hints(fn, include_extras=True),
            FORMAT_PARAMETER: ReportFormat if xlsx else ListFormat,
            "request": Request[Any, Any, Any],
            "return": Response[shape.answer],  # type: ignore[name-defined]
        }
        handler(answer)
        handler.opt[EXPORT_OPT] = Exported(name, xlsx, tuple(columns(shape.item)), headings)
        handler.operation_class = _ReportExportOperation if xlsx else _ExportOperation
        return handler

    return decorate


__all__ = ["CSV", "EXPORT_OPT", "XLSX", "Exported", "exportable"]
