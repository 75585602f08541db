"""The archive purge job (implemented with the client lifecycle)."""

from __future__ import annotations

from core.context import JobContext


async def purge_archived_clients(job: JobContext) -> str:
    raise NotImplementedError
