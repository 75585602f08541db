"""The archive purge: clients archived longer than the retention period lose their
personal data for good.

Works in batches of :data:`BATCH`, each its own unit of work: the ``client_purged`` hook
fires (with the client as it was, so plugins can find and delete what they hold), then the
personal fields are wiped, the history's before/after values of those fields are scrubbed,
the outbox forgets what it held about the client, and the purge is audited. The row stays, anonymised, so statistics still add up. Re-running
finds nothing left to do.
"""

from __future__ import annotations

import sqlalchemy as sa

from core.context import JobContext
from core.i18n import _
from core.models import Client, ClientHistory
from core.services import clients, outbox
from core.services.masking import PERSONAL_FIELDS
from core.services.scope import unit_by_id

BATCH = 500
PURGED_NAME = "已清除"
WIPED = {"name": PURGED_NAME, "id_number": None, "phone": None, "email": None, "address": None, "birthday": None}
SCRUBBED_FIELDS = PERSONAL_FIELDS | {"name", "birthday"}


async def purge_archived_clients(job: JobContext) -> str:
    purged = 0
    while True:
        async with job.unit_of_work() as ctx:
            due = (
                (
                    await ctx.session.execute(
                        sa.select(Client)
                        .where(Client.state == "archived", Client.purge_after <= job.now)
                        .order_by(Client.id)
                        .limit(BATCH)
                    )
                )
                .scalars()
                .all()
            )
            if not due:
                break
            for client in due:
                snapshot = await clients.snapshot(ctx, client)
                unit = await unit_by_id(ctx, client.unit_id)
                await ctx.plugins.call("client_purged", ctx, unit, client=snapshot, everywhere=True)
                for field, value in {**WIPED, "state": "purged", "updated_at": job.now}.items():
                    setattr(client, field, value)
                ctx.audit(
                    entity="client",
                    entity_id=client.public_id,
                    action="purged",
                    unit=unit,
                    reason=f"retention period over (archived {client.archived_at:%Y-%m-%d})",
                )
            await _scrub_history(ctx.session, [c.id for c in due])
            await outbox.forget_clients(ctx.session, [c.public_id for c in due], job.now)
            purged += len(due)
            job.tally(examined=len(due), changed=len(due))
            job.progress(_("{count} clients purged").format(count=purged))
    return _("archive-purge: {count} clients purged").format(count=purged)


async def _scrub_history(session, client_ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Blank the before/after values of personal fields in the purged clients' history."""
    for entry in (
        await session.execute(sa.select(ClientHistory).where(ClientHistory.client_id.in_(client_ids)))
    ).scalars():
        if any(change["field"] in SCRUBBED_FIELDS for change in entry.changes):
            entry.changes = [
                {**change, "before": None, "after": None} if change["field"] in SCRUBBED_FIELDS else change
                for change in entry.changes
            ]
