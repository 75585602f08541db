"""What the plugin does for the client lifecycle hooks: the complaints section of the client
360° view (masked per role), and forgetting a purged client's personal data while the
orders stay, anonymised, for the statistics."""

from __future__ import annotations

import sqlalchemy as sa

from core.sdk import Client, ClientSnapshot, HookContext, ViewField, ViewSection, china_time, named
from plugins.complaints.access import where_enabled
from plugins.complaints.i18n import _
from plugins.complaints.lifecycle import OPEN_STATES
from plugins.complaints.models import Extension, Step, WorkOrder
from plugins.complaints.permissions import NAME
from plugins.complaints.schemas import ComplaintsSection, ViewItem
from plugins.complaints.terms import CATEGORIES, SEVERITIES, STATES

RECENT = 10
PURGED = "已清除"


def _of(client: ClientSnapshot) -> sa.ColumnElement[bool]:
    return WorkOrder.client_id == sa.select(Client.id).where(Client.public_id == client.id).scalar_subquery()


async def view_section(ctx: HookContext, client: ClientSnapshot) -> ViewSection:
    """The client's complaints the viewer may see: totals and the latest few."""
    visible = sa.and_(_of(client), await where_enabled(ctx, ctx.principal.unit, WorkOrder.unit_id))
    is_open = sa.func.sum(sa.case((WorkOrder.state.in_(OPEN_STATES), 1), else_=0))
    is_justified = sa.func.sum(sa.case((WorkOrder.justified.is_(True), 1), else_=0))
    total, open_, justified = (
        await ctx.session.execute(sa.select(sa.func.count(), is_open, is_justified).where(visible))
    ).one()
    recent = (
        await ctx.session.execute(
            sa.select(WorkOrder)
            .where(visible)
            .order_by(WorkOrder.received_at.desc(), WorkOrder.id.desc())
            .limit(RECENT)
        )
    ).scalars()
    items = [
        ViewItem(
            id=o.public_id,
            unit=(await ctx.unit_by_id(o.unit_id)).code,
            state=o.state,  # type: ignore[arg-type]
            category=o.category,
            severity=o.severity,
            received_at=o.received_at,  # type: ignore[arg-type]
            next_due_at=o.next_due_at,
            justified=o.justified,
            contact_phone=ctx.mask("phone", o.complainant_phone),
        )
        for o in recent
    ]
    section = ComplaintsSection(total=total, open=open_ or 0, justified=justified or 0, recent=items)
    return ViewSection(key=NAME, title=_("Complaints"), plugin=NAME, data=section, fields=section_fields(section))


def section_fields(section: ComplaintsSection) -> tuple[ViewField, ...]:
    """The section as a person reads it: the counts, then each recent order in a line
    (China time; the contact phone as masked for the viewer)."""
    fields = [
        ViewField(_("Complaints"), section.total, "number"),
        ViewField(_("Open"), section.open, "number"),
        ViewField(_("Justified"), section.justified, "number"),
    ]
    for item in section.recent:
        facts = [
            named(STATES, item.state),
            _("severity {severity}").format(severity=named(SEVERITIES, item.severity)),
            _("received {at}").format(at=china_time(item.received_at)),
        ]
        if item.next_due_at is not None:
            facts.append(_("due {at}").format(at=china_time(item.next_due_at)))
        facts += [item.unit] + ([item.contact_phone] if item.contact_phone else [])
        fields.append(ViewField(named(CATEGORIES, item.category), " · ".join(facts)))
    return tuple(fields)


async def forget(ctx: HookContext, client: ClientSnapshot) -> None:
    """Wipe the complainant's contact details and every free text that may describe them
    (content, resolution, notes, extension reasons); categories, units, dates, deadlines,
    outcomes and compensation stay, so reports still count the orders."""
    theirs = sa.select(WorkOrder.id).where(_of(client))
    await ctx.session.execute(
        sa.update(WorkOrder)
        .where(WorkOrder.id.in_(theirs))
        .values(
            complainant_name=None,
            complainant_phone=None,
            complainant_email=None,
            content=PURGED,
            attachments=[],
            resolution=sa.case((WorkOrder.resolution.is_(None), None), else_=PURGED),
            purged_at=ctx.now,
        )
        .execution_options(synchronize_session=False)
    )
    await ctx.session.execute(
        sa.update(Step).where(Step.order_id.in_(theirs)).values(note="").execution_options(synchronize_session=False)
    )
    await ctx.session.execute(
        sa.update(Extension)
        .where(Extension.order_id.in_(theirs))
        .values(reason=PURGED, decision_note=None)
        .execution_options(synchronize_session=False)
    )
