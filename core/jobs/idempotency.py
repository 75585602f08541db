"""Forgetting idempotency answers after ``idempotency_retention_hours`` (at least a day, so a
client retrying after an outage overnight still gets its first answer back)."""

from __future__ import annotations

import datetime as dt

from core.context import JobContext
from core.i18n import _
from core.services import idempotency

BATCH = 5_000
MINIMUM_HOURS = 24


async def expire_idempotency_keys(job: JobContext) -> str:
    hours = max(job.settings.idempotency_retention_hours, MINIMUM_HOURS)
    cutoff = job.now - dt.timedelta(hours=hours)
    expired = 0
    while True:
        async with job.unit_of_work() as ctx:
            done = await idempotency.expire(ctx, cutoff, BATCH)
        expired += done
        job.tally(examined=done, changed=done)
        if done < BATCH:
            break
        job.progress(_("{count} kept answers forgotten").format(count=expired))
    return _("expire-idempotency-keys: {count} kept answers older than {hours} h forgotten").format(
        count=expired, hours=hours
    )
