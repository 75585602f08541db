"""complaints: work orders, steps, extensions, calendar, SLA policies

Revision ID: c0a1e4d2b7f3
Revises: 
Create Date: 2026-11-23 18:29:12
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import core.db.base

revision: str = 'c0a1e4d2b7f3'
down_revision: str | Sequence[str] | None = None  # the first revision of the plugin's own history
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('complaints_calendar_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('changed_by', sa.String(length=80), nullable=False),
    sa.Column('changed_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f('ck_complaints_calendar_day_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints_calendar_day')),
    sa.UniqueConstraint('region', 'day', name=op.f('uq_complaints_calendar_day_region_day'))
    )
    op.create_table('complaints_sla_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('first_contact_days', sa.Integer(), nullable=False),
    sa.Column('first_contact_basis', sa.String(length=8), nullable=False),
    sa.Column('decision_days', sa.Integer(), nullable=False),
    sa.Column('extended_days', sa.Integer(), nullable=False),
    sa.Column('further_days', sa.Integer(), nullable=False),
    sa.Column('decision_basis', sa.String(length=8), nullable=False),
    sa.Column('clock_stops_while_waiting', sa.Boolean(), nullable=False),
    sa.Column('changed_by', sa.String(length=80), nullable=False),
    sa.Column('changed_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("decision_basis IN ('calendar', 'working')", name=op.f('ck_complaints_sla_policy_decision_basis')),
    sa.CheckConstraint("first_contact_basis IN ('calendar', 'working')", name=op.f('ck_complaints_sla_policy_first_contact_basis')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_complaints_sla_policy_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints_sla_policy')),
    sa.UniqueConstraint('unit_id', 'category', 'severity', name=op.f('uq_complaints_sla_policy_unit_id_category_severity'))
    )
    op.create_table('complaints_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=40), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('handling_unit_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('complainant_name', sa.String(length=200), nullable=True),
    sa.Column('complainant_phone', sa.String(length=32), nullable=True),
    sa.Column('complainant_email', sa.String(length=200), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('serious', sa.Boolean(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('attachments', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('region', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('received_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('registered_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('registered_by', sa.String(length=80), nullable=False),
    sa.Column('intake_event', sa.String(length=40), nullable=True),
    sa.Column('clock_started_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('first_contact_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('replied_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('paused_seconds', sa.Integer(), nullable=False),
    sa.Column('paused_since', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('extension_level', sa.Integer(), nullable=False),
    sa.Column('first_contact_due_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decision_due_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decision_key', sa.String(length=24), nullable=False),
    sa.Column('next_due_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_contact_escalated', sa.Boolean(), nullable=False),
    sa.Column('decision_escalated_key', sa.String(length=24), nullable=True),
    sa.Column('breached_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_contact_seconds', sa.Integer(), nullable=True),
    sa.Column('resolution_seconds', sa.Integer(), nullable=True),
    sa.Column('justified', sa.Boolean(), nullable=True),
    sa.Column('apology_given', sa.Boolean(), nullable=True),
    sa.Column('compensation', core.db.base.Money(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('purged_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("channel IN ('counter', 'lobby', 'phone', 'e_banking', 'letter', 'regulator')", name=op.f('ck_complaints_order_channel')),
    sa.CheckConstraint("severity IN ('low', 'medium', 'high')", name=op.f('ck_complaints_order_severity')),
    sa.CheckConstraint("state IN ('received', 'acknowledged', 'investigating', 'waiting_for_client', 'resolved', 'replied', 'closed')", name=op.f('ck_complaints_order_state')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_complaints_order_client_id_client')),
    sa.ForeignKeyConstraint(['handling_unit_id'], ['org_unit.id'], name=op.f('fk_complaints_order_handling_unit_id_org_unit')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_complaints_order_staff_id_staff')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_complaints_order_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints_order')),
    sa.UniqueConstraint('public_id', name=op.f('uq_complaints_order_public_id'))
    )
    with op.batch_alter_table('complaints_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaints_order_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_order_handling_unit_id'), ['handling_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_order_next_due_at'), ['next_due_at'], unique=False)
        batch_op.create_index('ix_complaints_order_report', ['received_at', 'unit_id', 'category'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_order_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index('ix_complaints_order_sweep', ['state', 'decision_due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_order_unit_id'), ['unit_id'], unique=False)
    op.create_table('complaints_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=40), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.String(length=80), nullable=False),
    sa.Column('requested_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=80), nullable=True),
    sa.Column('decided_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name=op.f('ck_complaints_extension_status')),
    sa.CheckConstraint('level IN (1, 2)', name=op.f('ck_complaints_extension_level')),
    sa.ForeignKeyConstraint(['order_id'], ['complaints_order.id'], name=op.f('fk_complaints_extension_order_id_complaints_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints_extension')),
    sa.UniqueConstraint('public_id', name=op.f('uq_complaints_extension_public_id'))
    )
    with op.batch_alter_table('complaints_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaints_extension_order_id'), ['order_id'], unique=False)
    op.create_table('complaints_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('from_state', sa.String(length=24), nullable=True),
    sa.Column('to_state', sa.String(length=24), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['complaints_order.id'], name=op.f('fk_complaints_step_order_id_complaints_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints_step'))
    )
    with op.batch_alter_table('complaints_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaints_step_order_id'), ['order_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('complaints_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaints_step_order_id'))
    op.drop_table('complaints_step')
    with op.batch_alter_table('complaints_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaints_extension_order_id'))
    op.drop_table('complaints_extension')
    with op.batch_alter_table('complaints_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaints_order_unit_id'))
        batch_op.drop_index('ix_complaints_order_sweep')
        batch_op.drop_index(batch_op.f('ix_complaints_order_staff_id'))
        batch_op.drop_index('ix_complaints_order_report')
        batch_op.drop_index(batch_op.f('ix_complaints_order_next_due_at'))
        batch_op.drop_index(batch_op.f('ix_complaints_order_handling_unit_id'))
        batch_op.drop_index(batch_op.f('ix_complaints_order_client_id'))
    op.drop_table('complaints_order')
    op.drop_table('complaints_sla_policy')
    op.drop_table('complaints_calendar_day')
